using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Adsumo.Emulator.Tests.Infrastructure;

/// <summary>An emulator hosted in the test process on 127.0.0.1:0, spoken to over real HTTP.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, string root)
    {
        _app = app;
        Root = root;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(root),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Like http://127.0.0.1:12345, no trailing slash.</summary>
    public string Root { get; }

    public string BaseUrl => Root + "/api/v1";

    public HttpClient Http { get; }

    public static async Task<EmulatorServer> StartAsync(params string[] args)
    {
        var options = EmulatorCommandLine.Parse(["--urls", "http://127.0.0.1:0", .. args])!;
        var app = EmulatorApp.Build(options with { Announce = false });
        await app.StartAsync();
        return new EmulatorServer(app, app.Urls.First().TrimEnd('/'));
    }

    public static string NewKey() => "adsumo_sk_test_" + Guid.NewGuid().ToString("N");

    public static string Json(object body) => JsonSerializer.Serialize(body);

    public async Task<ApiResponse> SendAsync(
        HttpMethod method,
        string path,
        string? key = null,
        object? body = null,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            var text = body as string ?? Json(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        if (headers is not null)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Http.SendAsync(request, cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancel);
        return ApiResponse.From(response, bytes);
    }

    public Task<ApiResponse> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, key);

    public Task<ApiResponse> PostAsync(string path, string? key, object body) => SendAsync(HttpMethod.Post, path, key, body);

    public Task<ApiResponse> DeleteAsync(string path, string? key = null) => SendAsync(HttpMethod.Delete, path, key);

    public Task<ApiResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, null, body);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
