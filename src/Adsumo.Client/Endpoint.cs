using System;
using System.Net;

namespace Adsumo.Client;

/// <summary>Which base URIs the module will send a key to.</summary>
public static class Endpoint
{
    public static readonly Uri DefaultBaseUri = new("https://www.adsumo.ai/api/v1");

    /// <summary>
    /// Checks a base URI: absolute, https (plain http only to this machine, where nothing crosses a network),
    /// no credentials, query or fragment. Returns it with a trailing slash so that paths append.
    /// </summary>
    public static Uri Normalize(Uri? uri, string parameterName)
    {
        if (uri is null || !uri.IsAbsoluteUri)
            throw new AdsumoInputException(ErrorReason.InvalidBaseUri, parameterName, "The base URI must be absolute, such as https://www.adsumo.ai/api/v1.");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            throw new AdsumoInputException(ErrorReason.InvalidBaseUri, parameterName, $"The base URI must use https, not {SafeText.Line(uri.Scheme, 60)}.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new AdsumoInputException(ErrorReason.InsecureBaseUri, parameterName, $"Refusing plain http to {SafeText.Line(uri.Host, 60)}: the key would cross the network unencrypted. Use https, or http only to this machine (127.0.0.1, localhost).");
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new AdsumoInputException(ErrorReason.InvalidBaseUri, parameterName, "The base URI must not carry credentials, a query or a fragment.");
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

}
