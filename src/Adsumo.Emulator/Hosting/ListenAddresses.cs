using System;

namespace Adsumo.Emulator.Hosting;

/// <summary>
/// The emulator accepts any key and serves files without one, so it must never be reachable from another machine.
/// </summary>
internal static class ListenAddresses
{
    public static void Check(string urls, bool httpsCertificate)
    {
        var https = false;
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new EmulatorOptionsException("--urls is empty.");
        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new EmulatorOptionsException(
                    $"--urls: '{part}' is not an http or https URL such as http://127.0.0.1:5080.");
            if (uri.Scheme == Uri.UriSchemeHttps && !httpsCertificate)
                throw new EmulatorOptionsException(
                    $"--urls: '{part}' is https, which needs a certificate: give one with --https-cert.");
            https |= uri.Scheme == Uri.UriSchemeHttps;
            if (!IsLoopback(uri.Host))
                throw new EmulatorOptionsException(
                    $"--urls: refusing to listen on '{part}': the emulator binds loopback only (127.0.0.1, localhost or [::1]).");
            if (uri.Port == 0 && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                throw new EmulatorOptionsException(
                    $"--urls: '{part}': Kestrel cannot pick a free port for localhost; use http://127.0.0.1:0 or http://[::1]:0.");
            if (uri.AbsolutePath != "/")
                throw new EmulatorOptionsException($"--urls: '{part}' must not have a path.");
        }
        if (httpsCertificate && !https)
            throw new EmulatorOptionsException("--https-cert is given, but no --urls is https: add one such as https://127.0.0.1:0.");
    }

    private static bool IsLoopback(string host) =>
        host is "127.0.0.1" or "[::1]" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
}
