using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, whose answers each test scripts, so that the client is
/// tested over real sockets (resets, timeouts, trickling bodies) rather than through a fake handler. Every request
/// is recorded before the handler runs, so a test can assert on what was sent even when it aborted the answer.
/// </summary>
public sealed class ScenarioServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Func<Exchange, Task> _handler;
    private int _count = -1;

    private ScenarioServer(WebApplication app, Func<Exchange, Task> handler)
    {
        _app = app;
        _handler = handler;
        Root = app.Urls.First().TrimEnd('/');
    }

    /// <summary>Like http://127.0.0.1:12345, no trailing slash.</summary>
    public string Root { get; }

    /// <summary>The API's base URI on this server: {Root}/api/v1.</summary>
    public Uri BaseUri => new(Root + "/api/v1");

    public int Port => new Uri(Root).Port;

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Index).ToList();

    public static async Task<ScenarioServer> StartAsync(Func<Exchange, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Trickling bodies must not be cut by Kestrel's own minimum data rate before the client's timeout fires.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MinResponseDataRate = null);
        var app = builder.Build();
        ScenarioServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        server = new ScenarioServer(app, handler ?? (e => e.Json(200, "{}")));
        return server;
    }

    /// <summary>Replaces the handler for the requests still to come.</summary>
    public void Handle(Func<Exchange, Task> handler) => Volatile.Write(ref _handler, handler);

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = _clock.Elapsed;
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync();
        }
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var recorded = new RecordedRequest(Interlocked.Increment(ref _count), context.Request.Method,
            context.Request.PathBase.Add(context.Request.Path).Value ?? "", raw, context.Request.QueryString.Value ?? "",
            Exchange.HeadersOf(context.Request), body, arrived);
        _requests.Enqueue(recorded);
        await Volatile.Read(ref _handler)(new Exchange(context, recorded));
    }

    public async ValueTask DisposeAsync()
    {
        // Handlers still waiting on a client that has gone are ended at once rather than delaying the test.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
    }
}
