using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Adsumo.Emulator.Files;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Settings;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Wire;

namespace Adsumo.Emulator.Webhooks;

/// <summary>
/// Posts signed generation events. Finishing a generation only queues the event, so no request ever waits for a
/// receiver; each event gets one attempt with a short timeout, a few at a time.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "X-Adsumo-Signature";
    private const int ParallelDeliveries = 8;

    private readonly Channel<Delivery> _queue =
        Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(ParallelDeliveries);
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly SettingsStore _settings;
    private readonly ResultUrls _urls;
    private readonly ServerAddress _server;

    public WebhookSender(SettingsStore settings, ResultUrls urls, ServerAddress server)
    {
        _settings = settings;
        _urls = urls;
        _server = server;
        _ = Task.Run(PumpAsync);
    }

    public void Notify(Generation generation, GenerationOutcome outcome)
    {
        var settings = _settings.Current;
        if (settings.WebhookUrl is not { } url || settings.WebhookSecret is not { } secret) return;
        var body = Payload(generation, outcome);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        _queue.Writer.TryWrite(new Delivery(url, body, signature));
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _http.Dispose();
    }

    private byte[] Payload(Generation generation, GenerationOutcome outcome) =>
        outcome.Status == GenerationStatuses.Completed
            ? JsonSerializer.SerializeToUtf8Bytes(
                new WebhookCompletedJson("generation.completed", generation.Id, generation.Type, outcome.Status,
                    _urls.ForGeneration(_server.Root, generation), generation.CreatedAt, outcome.CompletedAt),
                EmulatorJson.Wire.WebhookCompletedJson)
            : JsonSerializer.SerializeToUtf8Bytes(
                new WebhookFailedJson("generation.failed", generation.Id, generation.Type, outcome.Status,
                    outcome.ErrorMessage ?? "", generation.CreatedAt, outcome.CompletedAt),
                EmulatorJson.Wire.WebhookFailedJson);

    private async Task PumpAsync()
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync())
        {
            await _slots.WaitAsync();
            _ = SendAsync(delivery);
        }
    }

    private async Task SendAsync(Delivery delivery)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url);
            request.Content = new ByteArrayContent(delivery.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(SignatureHeader, delivery.Signature);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException
                                      or InvalidOperationException)
        {
            // One attempt only, as documented: a receiver that is down simply misses the event.
        }
        finally
        {
            _slots.Release();
        }
    }

    private sealed record Delivery(string Url, byte[] Body, string Signature);
}
