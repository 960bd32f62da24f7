using System;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Adsumo.Emulator.Http;

/// <summary>A caller's own well-formed request id is echoed, so its logs and the emulator's line up.</summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static string FromRequestOrNew(StringValues header)
    {
        if (header.Count == 1 && header[0] is { } given && IsWellFormed(given)) return given;
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return string.Concat("req_", Convert.ToHexStringLower(random));
    }

    private static bool IsWellFormed(string id)
    {
        if (id.Length is 0 or > 128) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        }
        return true;
    }
}
