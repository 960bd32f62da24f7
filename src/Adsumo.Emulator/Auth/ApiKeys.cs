using System;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Validation;
using Microsoft.Extensions.Primitives;

namespace Adsumo.Emulator.Auth;

/// <summary>
/// Any well-formed key is accepted and is its own team, so tests isolate themselves just by using a new key.
/// </summary>
internal static class ApiKeys
{
    /// <summary>Keys of teams below the Starter tier, which the API refuses.</summary>
    public const string FreeTierPrefix = "adsumo_sk_free_";

    /// <summary>The key of an Authorization header, or the 401 or 403 to answer.</summary>
    public static string Read(StringValues authorization)
    {
        if (authorization.Count == 0)
            throw ApiErrors.Unauthorized("Missing Authorization header: send 'Authorization: Bearer adsumo_sk_...'.");
        if (authorization.Count > 1 || authorization[0] is not { } header
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw ApiErrors.Unauthorized("The Authorization header must be 'Bearer adsumo_sk_...'.");
        var key = header["Bearer ".Length..].Trim();
        if (!Patterns.ApiKey().IsMatch(key))
            throw ApiErrors.Unauthorized("The API key is not valid: keys look like adsumo_sk_ followed by at least 8 letters, digits or _.");
        if (key.StartsWith(FreeTierPrefix, StringComparison.Ordinal))
            throw ApiErrors.Forbidden("API access needs the Starter tier or higher.");
        return key;
    }
}
