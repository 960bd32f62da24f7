using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

/// <summary>
/// Readies the HTTP core for its first call while PowerShell is still busy importing the module: the assemblies it
/// needs are loaded and the code of a first call (the HTTP client factory, a request through the retry handler,
/// reading a balance and a page of products) is compiled on another core, so that the first Connect-Adsumo and
/// listing do not pay for it. The requests are answered from memory: nothing is sent anywhere.
/// </summary>
public static class Warmup
{
    private const string SamplePage =
        "{\"data\":[{\"id\":\"550e8400-e29b-41d4-a716-446655440000\",\"name\":\"Trail Bottle\",\"description\":\"d\",\"category\":\"c\"," +
        "\"image_url\":\"https://example.com/p.png\",\"price\":29.99,\"currency\":\"USD\",\"created_at\":\"2026-01-15T12:00:00Z\"}]," +
        "\"pagination\":{\"total\":1,\"limit\":100,\"offset\":0}}";

    private const string SampleBalance = "{\"credits_used\":1,\"credits_limit\":2,\"credits_remaining\":1}";

    public static void Prepare()
    {
        using (HttpClients.Create(HttpClients.Api)) { }
        using var api = new HttpClient(new RetryHandler { InnerHandler = new AnswersFromMemory() }) { Timeout = Timeout.InfiniteTimeSpan };
        var key = ApiKey.From(Secrets.Protect(ApiKey.Prefix + "warmup"), "ApiKey");
        var client = new AdsumoClient(new Uri("https://warm-up.invalid/api/v1"), key, new ConnectionSettings(), api);
        var call = CallContext.Silent();
        client.GetCreditsAsync(call).GetAwaiter().GetResult();
        using var products = client.ListProducts(0, 1);
        products.NextAsync(call).GetAwaiter().GetResult();
    }

    private sealed class AnswersFromMemory : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath.EndsWith("/products", StringComparison.Ordinal) ? SamplePage : SampleBalance;
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            response.Headers.Date = DateTimeOffset.UtcNow;
            return Task.FromResult(response);
        }
    }
}
