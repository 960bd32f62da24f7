using System;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Json;

/// <summary>Single-object answers over real HTTP: bare or wrapped in {data:{...}}, and what the client sends.</summary>
public sealed class AnswerEnvelopeTests
{
    private const string ProductId = "550e8400-e29b-41d4-a716-446655440000";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_product_is_read_bare_or_wrapped_in_data(bool wrapped)
    {
        var body = wrapped ? $$"""{"data":{{Payloads.Product(ProductId)}}}""" : Payloads.Product(ProductId);
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, body));

        var product = await TestClients.For(server).GetProductAsync(ProductId, TestClients.Call());

        Assert.Equal(ProductId, product.Id);
        Assert.Equal("Trail Shoe", product.Name);
        Assert.Equal("/api/v1/products/" + ProductId, Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task The_credit_balance_is_read_wrapped_in_data()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"data":{"credits_used":10,"credits_limit":100}}"""));

        var credits = await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        Assert.Equal(90, credits.Remaining);
        Assert.Equal("/api/v1/account/credits", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task An_answer_without_an_id_is_an_invalid_response_that_names_the_request()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"name":"no id here"}""", ("X-Request-Id", "req_server_42")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetProductAsync(ProductId, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("req_server_42", error.RequestId);
        Assert.Contains("req_server_42", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET products/" + ProductId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>oops</html>")]
    [InlineData("{\"id\":")]
    public async Task An_unreadable_body_is_an_invalid_response_with_the_request_id(string body)
    {
        // No retries, so that the test sees the first answer's error (broken JSON on a GET is otherwise retried).
        await using var server = await ScenarioServer.StartAsync(e => e.Send(200, "application/json", body, ("X-Request-Id", "req_unreadable")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetProductAsync(ProductId, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("req_unreadable", error.RequestId);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task An_empty_body_is_an_invalid_response_with_the_request_id()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Send(200, "application/json", "", ("X-Request-Id", "req_empty")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetProductAsync(ProductId, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("req_empty", error.Message, StringComparison.Ordinal);
        Assert.Equal("req_empty", error.RequestId);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task A_created_product_is_sent_in_snake_case_and_read_back_with_image_path()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(201, $$"""{"id":"{{ProductId}}","name":"Shoe","image_path":"https://cdn.example/stored.png","currency":"EUR"}"""));
        var draft = new ProductDraft
        {
            Name = "  Shoe ", Description = "Light", Category = "Footwear", ImageUrl = "https://cdn.example/in.png",
            Price = 12.5m, Currency = "eur", Link = "https://shop.example/shoe",
        };

        var product = await TestClients.For(server).CreateProductAsync(draft, TestClients.Call());

        Assert.Equal("https://cdn.example/stored.png", product.ImageUrl);
        var sent = Assert.Single(server.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("Shoe", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("EUR", body.RootElement.GetProperty("currency").GetString());
        Assert.Equal(12.5m, body.RootElement.GetProperty("price").GetDecimal());
        Assert.Equal("https://cdn.example/in.png", body.RootElement.GetProperty("image_url").GetString());
    }

    [Fact]
    public async Task A_submitted_generation_is_read_from_generation_id_and_carries_the_estimate()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(202, """{"generation_id":"g-new","type":"image","status":"processing"}"""));
        var draft = new ImageDraft { Prompt = "a red shoe", Model = "pro", AspectRatio = "1:1", Quantity = 3, Resolution = "4k" };

        var generation = await TestClients.For(server).CreateGenerationAsync(draft, TestClients.Call());

        Assert.Equal("g-new", generation.Id);
        Assert.Equal("processing", generation.Status);
        Assert.Equal(12, generation.EstimatedCredits);
        Assert.Equal("/api/v1/images/text-to-image", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_voiceover_answer_is_completed_with_what_was_asked()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"id":"vo-1","status":"completed","duration":2.5,"audio_url":"https://files.example/vo.mp3"}"""));
        var draft = new VoiceoverDraft { Text = "Hello", VoiceId = "EXAVITQu4vr4xnSDxMaL" };

        var voiceover = await TestClients.For(server).CreateVoiceoverAsync(draft, TestClients.Call());

        Assert.Equal("vo-1", voiceover.Id);
        Assert.Equal("EXAVITQu4vr4xnSDxMaL", voiceover.VoiceId);
        Assert.Equal("Hello", voiceover.Text);
        Assert.Equal("/api/v1/voiceovers/text-to-speech", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_raw_answer_with_a_generation_id_is_read_as_a_generation()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(202, """{"generation_id":"g-raw","type":"face-swap","status":"processing"}"""));

        var response = await TestClients.For(server).InvokeAsync("POST", "videos/face-swap", null, new System.Collections.Hashtable { ["x"] = 1 }, TestClients.Call());
        var answer = AdsumoClient.ReadAnswer(response, "POST videos/face-swap");

        var generation = Assert.IsType<Generation>(answer);
        Assert.Equal("g-raw", generation.Id);
        Assert.Equal("face-swap", generation.Type);
    }
}
