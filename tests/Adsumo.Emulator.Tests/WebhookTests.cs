using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class WebhookTests
{
    private const string Secret = "whsec_test_secret";

    [Fact]
    public async Task A_completed_generation_is_posted_signed_even_when_nobody_polls()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await EmulatorServer.StartAsync(
            "--webhook-url", receiver.Url, "--webhook-secret", Secret, "--generation-seconds", "0.1");
        var key = EmulatorServer.NewKey();

        var id = await server.SubmitImageAsync(key);
        var webhook = await receiver.NextAsync();

        AssertSigned(webhook, Secret);
        Assert.Equal("application/json", webhook.ContentType);
        var payload = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal(
            ["event", "generation_id", "type", "status", "result_url", "created_at", "completed_at"],
            payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("generation.completed", payload.GetProperty("event").GetString());
        Assert.Equal(id, payload.GetProperty("generation_id").GetString());
        Assert.Equal("image", payload.GetProperty("type").GetString());
        Assert.Equal("completed", payload.GetProperty("status").GetString());
        var file = await server.GetAsync(payload.GetProperty("result_url").GetString()!);
        Assert.Equal(200, file.Code);
        var generation = (await server.GetGenerationAsync(key, id)).Json;
        Assert.Equal(generation.GetProperty("completed_at").GetString(), payload.GetProperty("completed_at").GetString());
        Assert.Equal(generation.GetProperty("created_at").GetString(), payload.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task A_failed_generation_is_posted_with_its_error_message()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await EmulatorServer.StartAsync(
            "--webhook-url", receiver.Url, "--webhook-secret", Secret, "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();

        var id = await server.SubmitAiVideoAsync(key, "[fail] please");
        var webhook = await receiver.NextAsync();

        AssertSigned(webhook, Secret);
        var payload = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal(
            ["event", "generation_id", "type", "status", "error_message", "created_at", "completed_at"],
            payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("generation.failed", payload.GetProperty("event").GetString());
        Assert.Equal(id, payload.GetProperty("generation_id").GetString());
        Assert.Equal("ai-video", payload.GetProperty("type").GetString());
        Assert.Equal("failed", payload.GetProperty("status").GetString());
        Assert.Contains("[fail]", payload.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Each_generation_is_posted_exactly_once_however_often_it_is_read()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await EmulatorServer.StartAsync(
            "--webhook-url", receiver.Url, "--webhook-secret", Secret, "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();

        var id = await server.SubmitImageAsync(key);
        for (var i = 0; i < 5; i++)
        {
            await server.GetGenerationAsync(key, id);
            await server.GetAsync("/api/v1/generations?status=completed", key);
        }
        await receiver.NextAsync();

        Assert.Equal(0, await receiver.CountMoreAsync(300));
    }

    [Fact]
    public async Task The_control_api_fires_the_webhook_and_settings_set_it_at_run_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await EmulatorServer.StartAsync("--generation-seconds", "-1");
        var key = EmulatorServer.NewKey();
        var before = await server.SubmitImageAsync(key);
        await server.PostAsync($"/_emulator/generations/{before}/complete", null, "");

        var settings = await server.PutAsync("/_emulator/settings", new { webhook_url = receiver.Url, webhook_secret = "other" });
        var id = await server.SubmitImageAsync(key);
        await server.PostAsync($"/_emulator/generations/{id}/fail", null, new { error_message = "no GPU" });
        var webhook = await receiver.NextAsync();

        Assert.Equal(200, settings.Code);
        AssertSigned(webhook, "other");
        var payload = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal(id, payload.GetProperty("generation_id").GetString());
        Assert.Equal("no GPU", payload.GetProperty("error_message").GetString());
        Assert.Equal(0, await receiver.CountMoreAsync(200));
    }

    [Fact]
    public async Task A_receiver_that_is_down_never_slows_the_api()
    {
        await using var server = await EmulatorServer.StartAsync(
            "--webhook-url", "http://127.0.0.1:9/nobody", "--webhook-secret", Secret, "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var id = await server.SubmitImageAsync(key);
            await server.GetGenerationAsync(key, id);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
    }

    private static void AssertSigned(ReceivedWebhook webhook, string secret)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), webhook.Body));
        Assert.Equal(expected, webhook.Signature);
    }
}
