using System;
using System.Security.Authentication;

namespace Adsumo.Client.Http;

/// <summary>
/// A TLS handshake that failed: the server's certificate is not trusted here, is for another name, or has expired.
/// It fails the same way on every attempt and nothing was sent, so it is never retried, and its message names the
/// problem instead of a generic "could not connect".
/// </summary>
internal static class TlsFailure
{
    public static bool Is(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException) return true;
        }
        return false;
    }

    public static string Describe(Exception failure)
    {
        var cause = failure;
        while (cause is not AuthenticationException && cause.InnerException is not null) cause = cause.InnerException;
        return $"the TLS handshake failed, so nothing was sent ({SafeText.Line(cause.Message, 200)}): this machine does not trust "
            + "the server's certificate, or it was made for another name or has expired. It was not retried, as it would fail the same way";
    }
}
