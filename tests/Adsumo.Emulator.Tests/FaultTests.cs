using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>Each test starts from a reset, as faults are global to the server.</summary>
public sealed class FaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorServer _server = fixture.Server;

    public async Task InitializeAsync() => Assert.Equal(204, (await _server.SendAsync(HttpMethod.Post, "/_emulator/reset")).Code);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Error_rate_answers_500_internal_error()
    {
        await SetFaultsAsync(new { error_rate = 1 });

        var response = await _server.GetAsync("/api/v1/account/credits", EmulatorServer.NewKey());

        Assert.Equal(500, response.Code);
        Assert.Equal("internal_error", response.ErrorCode);
        Assert.StartsWith("req_", response.RequestId);
        Assert.Equal("error", (await LastLoggedAsync()).GetProperty("fault").GetString());
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData(7, "7")]
    [InlineData(0, "0")]
    public async Task Rate_limit_rate_answers_429_with_retry_after(int? retryAfter, string expected)
    {
        await SetFaultsAsync(retryAfter is null
            ? new { rate_limit_rate = 1.0 }
            : new { rate_limit_rate = 1.0, retry_after_seconds = retryAfter.Value });

        var response = await _server.GetAsync("/api/v1/products", EmulatorServer.NewKey());

        Assert.Equal(429, response.Code);
        Assert.Equal("rate_limited", response.ErrorCode);
        Assert.Equal(expected, response.Header("Retry-After"));
        Assert.Equal("rate_limit", (await LastLoggedAsync()).GetProperty("fault").GetString());
    }

    [Fact]
    public async Task Reset_rate_cuts_the_connection_and_is_logged_with_status_0()
    {
        await SetFaultsAsync(new { reset_rate = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => _server.GetAsync("/api/v1/products", EmulatorServer.NewKey()));

        var logged = await LastLoggedAsync();
        Assert.Equal(0, logged.GetProperty("status").GetInt32());
        Assert.Equal("reset", logged.GetProperty("fault").GetString());
    }

    [Fact]
    public async Task Malformed_rate_answers_200_with_broken_json()
    {
        await SetFaultsAsync(new { malformed_rate = 1 });

        var response = await _server.GetAsync("/api/v1/products", EmulatorServer.NewKey());

        Assert.Equal(200, response.Code);
        Assert.StartsWith("application/json", response.Header("Content-Type"));
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(response.Bytes));
        Assert.Equal("malformed", (await LastLoggedAsync()).GetProperty("fault").GetString());
    }

    [Fact]
    public async Task Before_timing_processes_nothing()
    {
        var key = EmulatorServer.NewKey();
        await SetFaultsAsync(new { error_rate = 1, timing = "before" });

        Assert.Equal(500, (await _server.PostAsync("/api/v1/products", key, ApiCalls.ProductBody())).Code);
        Assert.Equal(500, (await _server.PostAsync("/api/v1/videos/ai-video", key, new { model = "sora-2", prompt = "x" })).Code);
        await ClearFaultsAsync();

        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/products"));
        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/generations"));
        Assert.Equal(0, await _server.CreditsUsedAsync(key));
    }

    [Fact]
    public async Task After_timing_processes_the_request_and_loses_the_response()
    {
        var key = EmulatorServer.NewKey();
        await SetFaultsAsync(new { error_rate = 1, timing = "after" });

        var response = await _server.PostAsync("/api/v1/videos/ai-video", key, new { model = "sora-2", prompt = "x", duration = 3 });
        await ClearFaultsAsync();

        Assert.Equal(500, response.Code);
        Assert.Equal("internal_error", response.ErrorCode);
        Assert.StartsWith("req_", response.RequestId);
        Assert.Equal(1, await _server.TotalAsync(key, "/api/v1/generations"));
        Assert.Equal(30, await _server.CreditsUsedAsync(key));
    }

    [Fact]
    public async Task After_timing_with_a_reset_still_creates()
    {
        var key = EmulatorServer.NewKey();
        await SetFaultsAsync(new { reset_rate = 1, timing = "after" });

        await Assert.ThrowsAsync<HttpRequestException>(() => _server.PostAsync("/api/v1/products", key, ApiCalls.ProductBody()));
        await ClearFaultsAsync();

        Assert.True(await _server.TotalAsync(key, "/api/v1/products") >= 1);
    }

    [Fact]
    public async Task After_timing_replaces_error_answers_too()
    {
        await SetFaultsAsync(new { rate_limit_rate = 1, timing = "after" });

        var response = await _server.PostAsync("/api/v1/products", EmulatorServer.NewKey(), "not json");

        Assert.Equal(429, response.Code);
        Assert.Equal("rate_limited", response.ErrorCode);
    }

    [Fact]
    public async Task Mixed_timing_picks_before_or_after_and_a_seed_replays_it()
    {
        async Task<int> RunAsync()
        {
            var key = EmulatorServer.NewKey();
            await SetFaultsAsync(new { error_rate = 1, timing = "mixed", seed = 7 });
            for (var i = 0; i < 20; i++)
                Assert.Equal(500, (await _server.PostAsync("/api/v1/products", key, ApiCalls.ProductBody())).Code);
            await ClearFaultsAsync();
            return await _server.TotalAsync(key, "/api/v1/products");
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.InRange(first, 1, 19);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_seed_makes_the_fault_sequence_repeatable()
    {
        async Task<List<int>> RunAsync()
        {
            await SetFaultsAsync(new { error_rate = 0.3, rate_limit_rate = 0.3, malformed_rate = 0.2, seed = 42 });
            var key = EmulatorServer.NewKey();
            var codes = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                var response = await _server.GetAsync("/api/v1/account/credits", key);
                codes.Add(response.Code == 200 && response.Body.StartsWith("{\"data\"") ? -1 : response.Code);
            }
            return codes;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(429, first);
        Assert.Contains(-1, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Latency_delays_every_api_request()
    {
        await SetFaultsAsync(new { latency_ms = 300 });

        var watch = Stopwatch.StartNew();
        var response = await _server.GetAsync("/api/v1/account/credits", EmulatorServer.NewKey());

        Assert.Equal(200, response.Code);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Latency_stops_when_the_client_goes_away()
    {
        await SetFaultsAsync(new { latency_ms = 10_000 });
        using var cancel = new CancellationTokenSource(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits", EmulatorServer.NewKey(), cancel: cancel.Token));

        await ApiCalls.WaitUntilAsync(async () =>
            (await _server.GetAsync("/_emulator/requests")).Json.GetProperty("data").GetArrayLength() == 1, 5);
        Assert.Equal(0, (await LastLoggedAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Faults_strike_before_authentication()
    {
        await SetFaultsAsync(new { error_rate = 1 });

        Assert.Equal(500, (await _server.GetAsync("/api/v1/products")).Code);
    }

    [Fact]
    public async Task The_control_api_and_files_are_never_faulted()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));
        await SetFaultsAsync(new { error_rate = 0.5, reset_rate = 0.5 });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await _server.GetAsync("/_emulator/settings")).Code);
            Assert.Equal(200, (await _server.GetAsync(url)).Code);
        }
    }

    [Fact]
    public async Task Get_shows_the_faults_with_defaults_and_delete_clears_them()
    {
        var put = await _server.PutAsync("/_emulator/faults", new { error_rate = 0.25, seed = 3 });
        var shown = await _server.GetAsync("/_emulator/faults");
        var deleted = await _server.DeleteAsync("/_emulator/faults");
        var cleared = await _server.GetAsync("/_emulator/faults");

        Assert.Equal(200, put.Code);
        Assert.Equal(
            """{"error_rate":0.25,"rate_limit_rate":0,"retry_after_seconds":1,"reset_rate":0,"latency_ms":0,"malformed_rate":0,"seed":3,"timing":"before","methods":null}""",
            shown.Body);
        Assert.Equal(204, deleted.Code);
        Assert.Equal(0, cleared.Json.GetProperty("error_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("seed").ValueKind);
    }

    [Fact]
    public async Task Methods_limit_the_faults_to_those_requests()
    {
        var key = EmulatorServer.NewKey();
        await SetFaultsAsync(new { error_rate = 1, timing = "after", methods = new[] { "POST" } });

        var post = await _server.PostAsync("/api/v1/videos/ai-video", key, new { model = "sora-2", prompt = "x", duration = 3 });
        var list = await _server.GetAsync("/api/v1/generations", key);

        Assert.Equal(500, post.Code);
        Assert.Equal(200, list.Code);
        Assert.Equal(1, list.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        var shown = (await _server.GetAsync("/_emulator/faults")).Json;
        Assert.Equal("POST", Assert.Single(shown.GetProperty("methods").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_put_replaces_the_whole_configuration()
    {
        await SetFaultsAsync(new { error_rate = 0.5, latency_ms = 5 });
        await SetFaultsAsync(new { malformed_rate = 0.1 });

        var shown = (await _server.GetAsync("/_emulator/faults")).Json;

        Assert.Equal(0, shown.GetProperty("error_rate").GetDouble());
        Assert.Equal(0, shown.GetProperty("latency_ms").GetInt32());
        Assert.Equal(0.1, shown.GetProperty("malformed_rate").GetDouble());
    }

    [Theory]
    [InlineData("""{"error_rate":0.6,"reset_rate":0.5}""", null)]
    [InlineData("""{"error_rate":1.5}""", "error_rate")]
    [InlineData("""{"rate_limit_rate":-0.1}""", "rate_limit_rate")]
    [InlineData("""{"reset_rate":"0.1"}""", "reset_rate")]
    [InlineData("""{"malformed_rate":2}""", "malformed_rate")]
    [InlineData("""{"retry_after_seconds":-1}""", "retry_after_seconds")]
    [InlineData("""{"retry_after_seconds":1.5}""", "retry_after_seconds")]
    [InlineData("""{"latency_ms":-1}""", "latency_ms")]
    [InlineData("""{"seed":"abc"}""", "seed")]
    [InlineData("""{"timing":"later"}""", "timing")]
    [InlineData("""{"methods":[]}""", "methods")]
    [InlineData("""{"methods":["FETCH"]}""", "methods")]
    [InlineData("""{"methods":"POST"}""", "methods")]
    [InlineData("[]", null)]
    public async Task Bad_fault_settings_are_400(string body, string? param)
    {
        var response = await _server.SendAsync(HttpMethod.Put, "/_emulator/faults", body: body);

        Assert.Equal(400, response.Code);
        Assert.Equal(param, response.ErrorParam);
        Assert.Equal(0, (await _server.GetAsync("/_emulator/faults")).Json.GetProperty("error_rate").GetDouble());
    }

    [Fact]
    public async Task Rates_that_sum_to_exactly_1_are_accepted()
    {
        var response = await _server.PutAsync("/_emulator/faults",
            new { error_rate = 0.1, rate_limit_rate = 0.2, reset_rate = 0.3, malformed_rate = 0.4 });

        Assert.Equal(200, response.Code);
    }

    private async Task SetFaultsAsync(object faults)
    {
        var response = await _server.PutAsync("/_emulator/faults", faults);
        Assert.True(response.Code == 200, response.ToString());
    }

    private async Task ClearFaultsAsync() => Assert.Equal(204, (await _server.DeleteAsync("/_emulator/faults")).Code);

    private async Task<JsonElement> LastLoggedAsync()
    {
        var log = await _server.GetAsync("/_emulator/requests");
        return log.Json.GetProperty("data").EnumerateArray().Last();
    }
}
