namespace Adsumo.Emulator.RequestLogging;

/// <summary>What the inner layers tell the request log about one request (a request feature).</summary>
internal sealed class RequestRecord
{
    public string? Fault { get; set; }

    /// <summary>The connection was cut, so no status was ever sent.</summary>
    public bool Aborted { get; set; }
}
