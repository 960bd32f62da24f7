using System.Security.Cryptography.X509Certificates;
using Adsumo.Emulator.Settings;

namespace Adsumo.Emulator.Hosting;

/// <summary>How to start an emulator: where it listens, and the settings it starts (and resets) with.</summary>
public sealed record EmulatorOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Kestrel's URLs, separated by <c>;</c>; loopback hosts only, https only with <see cref="HttpsCertificate"/>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The certificate https:// URLs serve; without one, only http:// is allowed.</summary>
    public X509Certificate2? HttpsCertificate { get; init; }

    /// <summary>When set, the base URL is written there once the server listens.</summary>
    public string? PortFile { get; init; }

    /// <summary>Whether to print the listening line on standard output.</summary>
    public bool Announce { get; init; } = true;

    /// <summary>The largest clock offset accepted: ten years either way.</summary>
    public const double MaxClockOffsetSeconds = 10 * 365 * 24 * 3600.0;

    /// <summary>How far the emulator's clock (timestamps, Date headers, URL expiry) is from this machine's.</summary>
    public double ClockOffsetSeconds { get; init; }

    public EmulatorSettings Settings { get; init; } = new();
}
