using System;
using Adsumo.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Validation;

internal static class PathIds
{
    public static Guid Read(HttpContext context)
    {
        var text = context.Request.RouteValues["id"] as string;
        return Guid.TryParseExact(text, "D", out var id)
            ? id
            : throw ApiErrors.Invalid("id", "The id in the path must be a UUID.");
    }
}
