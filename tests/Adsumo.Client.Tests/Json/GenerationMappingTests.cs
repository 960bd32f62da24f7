using System;

namespace Adsumo.Client.Tests.Json;

public sealed class GenerationMappingTests
{
    [Fact]
    public void A_generation_read_by_id_maps_its_details()
    {
        var generation = ModelReader.Generation(JsonText.Parse("""
            {"id":"g1","type":"talking-avatar","status":"completed","created_at":"2026-01-15T12:00:00Z",
             "completed_at":"2026-01-15T12:03:30Z","result_url":"https://files.example/g1.mp4?sig=abc",
             "details":{"avatar_id":"a1","avatar_type":"custom","script":"Hello there","voice_id":"EXAVITQu4vr4xnSDxMaL",
                        "template":"default","duration":"12.5","lipsync_model":"lipsync-2.0"}}
            """));

        Assert.Equal("g1", generation.Id);
        Assert.Equal("talking-avatar", generation.Type);
        Assert.Equal("completed", generation.Status);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 3, 30, TimeSpan.Zero), generation.CompletedAt);
        Assert.Equal("https://files.example/g1.mp4?sig=abc", generation.ResultUrl);
        var details = Assert.IsType<GenerationDetails>(generation.Details);
        Assert.Equal("a1", details.AvatarId);
        Assert.Equal("custom", details.AvatarType);
        Assert.Equal("Hello there", details.Script);
        Assert.Equal("EXAVITQu4vr4xnSDxMaL", details.VoiceId);
        Assert.Equal("default", details.Template);
        Assert.Equal(12.5, details.Duration);
        Assert.Equal("lipsync-2.0", details.LipsyncModel);
        Assert.Null(details.Prompt);
    }

    [Fact]
    public void Image_details_read_numbers_sent_as_strings()
    {
        var generation = ModelReader.Generation(JsonText.Parse("""
            {"id":"g2","type":"image","status":"processing",
             "details":{"prompt":"a red shoe","model":"pro","aspect_ratio":"1:1","resolution":"4k","quantity":"3","product_id":"p1","style_id":"lifestyle-outdoor","additional_prompt":"on grass"}}
            """));

        var details = generation.Details!;
        Assert.Equal(3, details.Quantity);
        Assert.Equal("4k", details.Resolution);
        Assert.Equal("1:1", details.AspectRatio);
        Assert.Equal("lifestyle-outdoor", details.StyleId);
        Assert.Equal("on grass", details.AdditionalPrompt);
        Assert.Equal("p1", details.ProductId);
    }

    [Fact]
    public void A_submit_answer_names_the_id_generation_id()
    {
        // Contract section 6: submit answers and webhooks say generation_id, the object itself says id.
        var generation = ModelReader.Generation(JsonText.Parse("""{"generation_id":"g3","type":"image","status":"processing"}"""));

        Assert.Equal("g3", generation.Id);
        Assert.Null(generation.Details);
    }

    [Fact]
    public void Id_wins_over_generation_id()
    {
        var generation = ModelReader.Generation(JsonText.Parse("""{"id":"from-id","generation_id":"from-generation-id"}"""));

        Assert.Equal("from-id", generation.Id);
    }

    [Fact]
    public void New_types_and_statuses_are_kept_as_sent()
    {
        var generation = ModelReader.Generation(JsonText.Parse("""{"id":"g4","type":"face-swap","status":"queued_for_review"}"""));

        Assert.Equal("face-swap", generation.Type);
        Assert.Equal("queued_for_review", generation.Status);
        Assert.False(GenerationStates.IsFinished(generation.Status));
    }

    [Theory]
    [InlineData("""{"id":"g5","status":"failed","error_message":"Content policy"}""", "Content policy")]
    [InlineData("""{"id":"g5","status":"failed","error":"Content policy"}""", "Content policy")]
    [InlineData("""{"id":"g5","status":"failed","error":{"code":"x","message":"Content policy"}}""", "Content policy")]
    [InlineData("""{"id":"g5","status":"failed"}""", null)]
    public void A_failed_generation_keeps_the_services_reason(string json, string? expected)
    {
        Assert.Equal(expected, ModelReader.Generation(JsonText.Parse(json)).ErrorMessage);
    }

    [Fact]
    public void A_generation_without_any_id_is_an_invalid_response()
    {
        var error = Assert.Throws<AdsumoException>(() => ModelReader.Generation(JsonText.Parse("""{"type":"image","status":"processing"}""")));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("no id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_id_is_sanitized_and_bounded()
    {
        var generation = ModelReader.Generation(JsonText.Parse("{\"id\":\"g\\u001b[2J\\n" + new string('x', 1000) + "\"}"));

        Assert.DoesNotContain(generation.Id, char.IsControl);
        Assert.True(generation.Id.Length <= 201, $"id has {generation.Id.Length} characters");
    }

    [Theory]
    [InlineData("completed", true, false)]
    [InlineData("Succeeded", true, false)]
    [InlineData("failed", false, true)]
    [InlineData("CANCELLED", false, true)]
    [InlineData("processing", false, false)]
    [InlineData(null, false, false)]
    public void Only_known_end_states_end_a_wait(string? status, bool completed, bool failed)
    {
        Assert.Equal(completed, GenerationStates.IsCompleted(status));
        Assert.Equal(failed, GenerationStates.IsFailed(status));
    }
}
