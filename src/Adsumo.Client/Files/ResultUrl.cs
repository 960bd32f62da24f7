using System;

namespace Adsumo.Client;

/// <summary>
/// The URLs of result files come from the service: only absolute http and https URLs with a host are fetched, so a
/// hostile or broken answer can never make the module read a local file (file:), another protocol (ftp:) or a path
/// relative to something it did not choose.
/// </summary>
public static class ResultUrl
{
    /// <summary>Whether a URL is one the module will fetch.</summary>
    public static bool IsFetchable(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Host.Length > 0;

    /// <summary>The URL to fetch, or an Adsumo.DownloadFailed error that says what is wrong with it.</summary>
    public static Uri Parse(string? url, string what)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"{what} has no URL to download.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || !IsFetchable(parsed))
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"{what} has a URL that is not an absolute http or https URL ('{SafeText.Line(url, 80)}'); the module does not fetch it.");
        return parsed;
    }
}
