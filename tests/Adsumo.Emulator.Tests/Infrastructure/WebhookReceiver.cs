using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Adsumo.Emulator.Tests.Infrastructure;

public sealed record ReceivedWebhook(byte[] Body, string? Signature, string? ContentType);

/// <summary>A tiny loopback HTTP server that records every webhook it receives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received;

    private WebhookReceiver(WebApplication app, Channel<ReceivedWebhook> received, string url)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public string Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var received = Channel.CreateUnbounded<ReceivedWebhook>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Writer.TryWrite(new ReceivedWebhook(body.ToArray(),
                context.Request.Headers["X-Adsumo-Signature"].FirstOrDefault(), context.Request.ContentType));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return new WebhookReceiver(app, received, app.Urls.First().TrimEnd('/') + "/hook");
    }

    public async Task<ReceivedWebhook> NextAsync(double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>How many more arrive within the given time.</summary>
    public async Task<int> CountMoreAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        var count = 0;
        while (_received.Reader.TryRead(out _)) count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
