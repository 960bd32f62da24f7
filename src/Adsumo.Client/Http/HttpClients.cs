using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Adsumo.Client.Http;

/// <summary>
/// The process's HTTP clients, from Microsoft.Extensions.Http's factory, which pools and recycles the handlers
/// (so DNS changes are seen and sockets are not exhausted) while every connection shares them.
/// The API client never follows redirects by itself (the core decides, so the key never crosses to another host)
/// and carries the retry handler; the file client has no key at all and follows redirects.
/// </summary>
internal static class HttpClients
{
    public const string Api = "Adsumo.Api";
    public const string Files = "Adsumo.Files";

    private static readonly Lazy<IHttpClientFactory> Factory = new(Build);

    public static HttpClient Create(string name)
    {
        var client = Factory.Value.CreateClient(name);
        // Each attempt has its own timeout in the retry handler; downloads time out on a stalled read.
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        return client;
    }

    private static IHttpClientFactory Build()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(Api)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            })
            .AddHttpMessageHandler(() => new RetryHandler());
        services.AddHttpClient(Files)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // The downloader follows redirects itself, so that each target is checked to be http(s) first.
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        // The factory logs through Microsoft.Extensions.Logging when it is registered; it is not, so nothing is logged.
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }
}
