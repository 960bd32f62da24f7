using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Adsumo.Client.Http;

/// <summary>
/// The process's HTTP clients, from Microsoft.Extensions.Http's factory, which pools and recycles the handlers
/// (so DNS changes are seen and sockets are not exhausted) while every connection shares them.
/// Neither client follows redirects by itself: the core decides, so that the key never crosses to another host and
/// a file is never fetched from anywhere but http(s). The API client carries the retry handler; the file client
/// has no key at all.
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
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        // The factory logs through Microsoft.Extensions.Logging when it is registered; it is not, so nothing is logged.
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }
}
