using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Adsumo.Emulator.Hosting;

/// <summary>Reads the emulator's command line; every mistake is an <see cref="EmulatorOptionsException"/>.</summary>
public static class EmulatorCommandLine
{
    public const string Usage = """
        Usage: adsumo-emulator [options]        (from a build of the repository: dotnet Adsumo.Emulator.dll [options])

          --urls <urls>                 where to listen (default http://127.0.0.1:5080; loopback only, port 0 picks one;
                                        https:// needs --https-cert)
          --https-cert <file>           the PKCS#12 (.pfx) certificate, with its private key, that https:// URLs serve
          --https-cert-password <pw>    its password (or set ADSUMO_EMULATOR_CERT_PASSWORD)
          --port-file <file>            write the base URL there once listening (atomically)
          --credits <n>                 each team's credit limit (default 600)
          --generation-seconds <s>      how long a generation stays processing (default 3; 0 allowed; -1 never finishes)
          --url-ttl-seconds <s>         life of result and audio URLs (default 3600)
          --result-bytes <n>            size of every result and audio file (default 32768)
          --rate-limit <n>              requests per minute per key (default: no limit)
          --webhook-url <url>           POST signed generation events there (needs --webhook-secret)
          --webhook-secret <secret>     the HMAC-SHA256 key of the X-Adsumo-Signature header
          --clock-offset-seconds <s>    run the emulator's clock this far from this machine's (default 0)
          --help                        show this text

        """;

    /// <summary>Where the certificate's password may come from instead of the command line.</summary>
    public const string CertificatePasswordVariable = "ADSUMO_EMULATOR_CERT_PASSWORD";

    /// <summary>The options, or null when the user asked for help.</summary>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var settings = options.Settings;
        string? certificatePath = null;
        string? certificatePassword = Environment.GetEnvironmentVariable(CertificatePasswordVariable);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?") return null;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new EmulatorOptionsException($"Unexpected argument '{arg}'.");

            string name;
            string value;
            var equals = arg.IndexOf('=');
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
                if (i + 1 >= args.Count) throw new EmulatorOptionsException($"{name} needs a value.");
                value = args[++i];
            }

            switch (name)
            {
                case "--urls": options = options with { Urls = value }; break;
                case "--port-file": options = options with { PortFile = value }; break;
                case "--https-cert": certificatePath = value; break;
                case "--https-cert-password": certificatePassword = value; break;
                case "--credits": settings = settings with { Credits = Integer(name, value) }; break;
                case "--generation-seconds": settings = settings with { GenerationSeconds = Number(name, value) }; break;
                case "--url-ttl-seconds": settings = settings with { UrlTtlSeconds = Integer(name, value) }; break;
                case "--result-bytes": settings = settings with { ResultBytes = LongInteger(name, value) }; break;
                case "--rate-limit": settings = settings with { RateLimit = Integer(name, value) }; break;
                case "--webhook-url": settings = settings with { WebhookUrl = value }; break;
                case "--webhook-secret": settings = settings with { WebhookSecret = value }; break;
                case "--clock-offset-seconds": options = options with { ClockOffsetSeconds = ClockOffset(name, value) }; break;
                default: throw new EmulatorOptionsException($"Unknown option '{name}'.");
            }
        }

        if (certificatePath is not null) options = options with { HttpsCertificate = HttpsCertificate.Load(certificatePath, certificatePassword) };
        ListenAddresses.Check(options.Urls, options.HttpsCertificate is not null);
        if (settings.Validate() is { } error)
            throw new EmulatorOptionsException($"--{error.Setting.Replace('_', '-')} {error.Rule}.");
        if (options.PortFile is { } portFile) CheckPortFile(portFile);
        return options with { Settings = settings };
    }

    private static void CheckPortFile(string portFile)
    {
        if (string.IsNullOrWhiteSpace(portFile)) throw new EmulatorOptionsException("--port-file is empty.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(portFile));
        if (folder is null || !Directory.Exists(folder))
            throw new EmulatorOptionsException($"--port-file: the folder of '{portFile}' does not exist.");
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new EmulatorOptionsException($"{name} must be an integer, not '{value}'.");

    private static long LongInteger(string name, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new EmulatorOptionsException($"{name} must be an integer, not '{value}'.");

    private static double ClockOffset(string name, string value)
    {
        var offset = Number(name, value);
        return Math.Abs(offset) <= EmulatorOptions.MaxClockOffsetSeconds
            ? offset
            : throw new EmulatorOptionsException($"{name} must be within {EmulatorOptions.MaxClockOffsetSeconds} seconds either way.");
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new EmulatorOptionsException($"{name} must be a number, not '{value}'.");
}
