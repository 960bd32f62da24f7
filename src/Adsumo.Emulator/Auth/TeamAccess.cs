using System;
using Adsumo.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Auth;

internal static class TeamAccess
{
    /// <summary>The team the authentication step found; every /api/v1 endpoint runs after it.</summary>
    public static Team Team(this HttpContext context) =>
        context.Features.Get<Team>() ?? throw new InvalidOperationException("The request was not authenticated.");
}
