namespace Adsumo.Client;

/// <summary>A finished download.</summary>
public sealed class DownloadResult
{
    public DownloadResult(string path, long bytes, string? contentType)
    {
        Path = path;
        Bytes = bytes;
        ContentType = contentType;
    }

    public string Path { get; }

    public long Bytes { get; }

    public string? ContentType { get; }
}
