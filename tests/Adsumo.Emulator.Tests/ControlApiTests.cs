using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>Each test starts from a reset, as settings and the request log are global to the server.</summary>
public sealed class ControlApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorServer _server = fixture.Server;

    public async Task InitializeAsync() => Assert.Equal(204, (await _server.SendAsync(HttpMethod.Post, "/_emulator/reset")).Code);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reset_forgets_teams_faults_settings_and_the_log()
    {
        var key = EmulatorServer.NewKey();
        await _server.CreateProductAsync(key);
        await _server.SubmitImageAsync(key);
        await _server.PutAsync("/_emulator/settings", new { credits = 5, rate_limit = 100, url_ttl_seconds = 9 });
        await _server.PutAsync("/_emulator/faults", new { latency_ms = 1 });

        var reset = await _server.SendAsync(HttpMethod.Post, "/_emulator/reset");
        var log = await _server.GetAsync("/_emulator/requests");
        var faults = await _server.GetAsync("/_emulator/faults");
        var settings = await _server.GetAsync("/_emulator/settings");

        Assert.Equal(204, reset.Code);
        Assert.Equal(0, log.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(0, faults.Json.GetProperty("latency_ms").GetInt32());
        Assert.Equal(
            """{"credits":600,"generation_seconds":0,"url_ttl_seconds":3600,"result_bytes":32768,"rate_limit":null,"webhook_url":null,"webhook_secret":null}""",
            settings.Body);
        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/products"));
        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/generations"));
        Assert.Equal(0, await _server.CreditsUsedAsync(key));
    }

    [Fact]
    public async Task Settings_change_only_what_the_body_names()
    {
        var put = await _server.PutAsync("/_emulator/settings", new { credits = 1000, generation_seconds = 2.5 });
        var again = await _server.PutAsync("/_emulator/settings", new { result_bytes = 4096 });

        Assert.Equal(200, put.Code);
        var settings = again.Json;
        Assert.Equal(1000, settings.GetProperty("credits").GetInt32());
        Assert.Equal(2.5, settings.GetProperty("generation_seconds").GetDouble());
        Assert.Equal(4096, settings.GetProperty("result_bytes").GetInt64());
        Assert.Equal(3600, settings.GetProperty("url_ttl_seconds").GetInt32());
        Assert.Equal(settings.GetRawText(), (await _server.GetAsync("/_emulator/settings")).Json.GetRawText());
    }

    [Fact]
    public async Task A_webhook_is_set_with_its_secret_and_null_clears_both()
    {
        var set = await _server.PutAsync("/_emulator/settings", new { webhook_url = "http://127.0.0.1:9/hook", webhook_secret = "s" });
        var cleared = await _server.SendAsync(HttpMethod.Put, "/_emulator/settings",
            body: """{"webhook_url":null,"webhook_secret":null}""");

        Assert.Equal("http://127.0.0.1:9/hook", set.Json.GetProperty("webhook_url").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("webhook_url").ValueKind);
    }

    [Theory]
    [InlineData("""{"credits":-1}""", "credits")]
    [InlineData("""{"credits":"10"}""", "credits")]
    [InlineData("""{"credits":1.5}""", "credits")]
    [InlineData("""{"generation_seconds":-2}""", "generation_seconds")]
    [InlineData("""{"generation_seconds":-0.5}""", "generation_seconds")]
    [InlineData("""{"url_ttl_seconds":0}""", "url_ttl_seconds")]
    [InlineData("""{"result_bytes":10}""", "result_bytes")]
    [InlineData("""{"rate_limit":-1}""", "rate_limit")]
    [InlineData("""{"webhook_url":"not a url","webhook_secret":"s"}""", "webhook_url")]
    [InlineData("""{"webhook_url":"http://127.0.0.1:9/hook"}""", "webhook_secret")]
    [InlineData("""{"webhook_secret":"s"}""", "webhook_url")]
    [InlineData("""{"webhook_url":"http://127.0.0.1:9/hook","webhook_secret":""}""", "webhook_secret")]
    public async Task Bad_settings_are_400_naming_them_and_change_nothing(string body, string param)
    {
        var before = (await _server.GetAsync("/_emulator/settings")).Body;

        var response = await _server.SendAsync(HttpMethod.Put, "/_emulator/settings", body: body);

        Assert.Equal(400, response.Code);
        Assert.Equal(param, response.ErrorParam);
        Assert.Equal(before, (await _server.GetAsync("/_emulator/settings")).Body);
    }

    [Fact]
    public async Task The_request_log_records_api_and_file_requests_but_never_a_key()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));
        var file = await _server.GetAsync(url);
        await _server.GetAsync("/api/v1/products?limit=5&offset=0");
        await _server.GetAsync("/_emulator/settings");

        var log = await _server.GetAsync("/_emulator/requests");
        var entries = log.Json.GetProperty("data").EnumerateArray().ToList();

        Assert.DoesNotContain(key, log.Body);
        Assert.Equal(
            ["POST /api/v1/images/text-to-image", "GET /api/v1/generations/", "GET /_files/generations/", "GET /api/v1/products"],
            entries.Select(e => $"{e.GetProperty("method").GetString()} {TrimId(e.GetProperty("path").GetString()!)}"));
        Assert.Equal(
            ["seq", "time", "method", "path", "query", "status", "authorization", "request_id", "fault", "duration_ms"],
            entries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([202, 200, 200, 401], entries.Select(e => e.GetProperty("status").GetInt32()));
        Assert.Equal([true, true, false, false], entries.Select(e => e.GetProperty("authorization").GetBoolean()));
        Assert.Equal(file.RequestId, entries[2].GetProperty("request_id").GetString());
        Assert.Equal("limit=5&offset=0", entries[3].GetProperty("query").GetString());
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("query").ValueKind);
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("fault").ValueKind));
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z$", entries[0].GetProperty("time").GetString());
        var seqs = entries.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task Since_returns_later_requests_and_delete_clears_while_numbers_go_on()
    {
        var key = EmulatorServer.NewKey();
        for (var i = 0; i < 3; i++) await _server.GetAsync("/api/v1/account/credits", key);
        var all = (await _server.GetAsync("/_emulator/requests")).Json.GetProperty("data");
        var firstSeq = all[0].GetProperty("seq").GetInt64();

        var since = await _server.GetAsync($"/_emulator/requests?since={firstSeq}");
        var cleared = await _server.DeleteAsync("/_emulator/requests");
        var empty = await _server.GetAsync("/_emulator/requests");
        await _server.GetAsync("/api/v1/account/credits", key);
        var after = await _server.GetAsync($"/_emulator/requests?since={firstSeq + 2}");

        Assert.Equal([firstSeq + 1, firstSeq + 2], since.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(204, cleared.Code);
        Assert.Equal(0, empty.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(firstSeq + 3, Assert.Single(after.Json.GetProperty("data").EnumerateArray()).GetProperty("seq").GetInt64());
        Assert.Equal("since", (await _server.GetAsync("/_emulator/requests?since=abc")).ErrorParam);
    }

    [Fact]
    public async Task Seed_creates_data_at_once_without_spending_credits()
    {
        var key = EmulatorServer.NewKey();

        var seeded = await _server.SeedAsync(key, new
        {
            products = 3, custom_avatars = 2, generations = new { count = 4, type = "talking-avatar", status = "failed" },
        });

        Assert.Equal(3, seeded.Ids("products").Length);
        Assert.Equal(2, seeded.Ids("custom_avatars").Length);
        Assert.Equal(4, seeded.Ids("generations").Length);
        Assert.Equal(seeded.Ids("products").Reverse(), (await _server.GetAsync("/api/v1/products", key)).Ids());
        Assert.Equal(2, (await _server.GetAsync("/api/v1/avatars/custom", key)).Json.GetArrayLength());
        Assert.Equal(4, await _server.TotalAsync(key, "/api/v1/generations?type=talking-avatar&status=failed"));
        Assert.Equal(0, await _server.CreditsUsedAsync(key));
        var generation = (await _server.GetGenerationAsync(key, seeded.Ids("generations")[0])).Json;
        Assert.Equal(ApiCalls.PlatformAvatarId, generation.GetProperty("details").GetProperty("avatar_id").GetString());
        Assert.False(string.IsNullOrEmpty(generation.GetProperty("error_message").GetString()));
    }

    [Fact]
    public async Task Seeded_generations_default_to_completed_images_with_files()
    {
        var key = EmulatorServer.NewKey();
        var seeded = await _server.SeedAsync(key, new { generations = new { count = 1 } });

        var url = await _server.ResultUrlAsync(key, seeded.Ids("generations")[0]);

        Assert.Equal(200, (await _server.GetAsync(url)).Code);
        Assert.Equal(1, await _server.TotalAsync(key, "/api/v1/generations?type=image&status=completed"));
    }

    [Fact]
    public async Task Seeded_processing_generations_finish_after_their_seconds_or_never()
    {
        var key = EmulatorServer.NewKey();
        await _server.SeedAsync(key, new { generations = new { count = 2, type = "ai-video", status = "processing", seconds = 0.2 } });
        await _server.SeedAsync(key, new { generations = new { count = 1, status = "processing", seconds = -1 } });

        Assert.Equal(3, await _server.TotalAsync(key, "/api/v1/generations?status=processing"));
        await ApiCalls.WaitUntilAsync(async () =>
            await _server.TotalAsync(key, "/api/v1/generations?status=completed&type=ai-video") == 2, 5);
        Assert.Equal(1, await _server.TotalAsync(key, "/api/v1/generations?status=processing"));
    }

    [Fact]
    public async Task Seeding_ten_thousand_is_allowed_and_more_is_400()
    {
        var key = EmulatorServer.NewKey();

        var most = await _server.PostAsync("/_emulator/seed", key, new { generations = new { count = 10_000 } });
        var tooMany = await _server.PostAsync("/_emulator/seed", key, new { products = 10_001 });
        var badType = await _server.PostAsync("/_emulator/seed", key, new { generations = new { count = 1, type = "video" } });

        Assert.Equal(201, most.Code);
        Assert.Equal(10_000, await _server.TotalAsync(key, "/api/v1/generations?limit=1"));
        Assert.Equal(("products", 400), (tooMany.ErrorParam, tooMany.Code));
        Assert.Equal(("type", 400), (badType.ErrorParam, badType.Code));
    }

    [Fact]
    public async Task Seed_needs_a_team_key_and_accepts_an_empty_body()
    {
        var noKey = await _server.SendAsync(HttpMethod.Post, "/_emulator/seed", body: new { products = 1 });
        var empty = await _server.SendAsync(HttpMethod.Post, "/_emulator/seed", EmulatorServer.NewKey());

        Assert.Equal(401, noKey.Code);
        Assert.Equal(201, empty.Code);
        Assert.Equal("""{"products":[],"custom_avatars":[],"generations":[]}""", empty.Body);
    }

    private static string TrimId(string path) =>
        path.StartsWith("/api/v1/generations/") ? "/api/v1/generations/"
        : path.StartsWith("/_files/generations/") ? "/_files/generations/"
        : path;
}
