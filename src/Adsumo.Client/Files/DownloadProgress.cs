namespace Adsumo.Client;

/// <summary>How far a download has come.</summary>
public readonly struct DownloadProgress
{
    public DownloadProgress(long received, long? total)
    {
        Received = received;
        Total = total;
    }

    public long Received { get; }

    /// <summary>The size the server announced, when it did.</summary>
    public long? Total { get; }
}
