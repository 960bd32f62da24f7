using System;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Json;

/// <summary>Avatars, voices, voiceovers and webhook events: the smaller models.</summary>
public sealed class CatalogMappingTests
{
    [Fact]
    public void A_platform_avatar_maps_every_field()
    {
        var avatar = ModelReader.Avatar(JsonText.Parse(Payloads.Avatar("a1")), "custom");

        Assert.Equal("a1", avatar.Id);
        Assert.Equal("Emma", avatar.Name);
        Assert.Equal("platform", avatar.Type);
        Assert.Equal("female", avatar.Gender);
        Assert.Equal("adult", avatar.AgeGroup);
        Assert.Equal("https://cdn.example/emma.png", avatar.ThumbnailUrl);
    }

    [Fact]
    public void A_custom_avatar_without_avatar_type_takes_the_lists_type()
    {
        var avatar = ModelReader.Avatar(JsonText.Parse("""{"id":"a2","name":"Me","description":"My face","created_at":"2026-02-01T08:30:00Z"}"""), "custom");

        Assert.Equal("custom", avatar.Type);
        Assert.Equal("My face", avatar.Description);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 30, 0, TimeSpan.Zero), avatar.CreatedAt);
    }

    [Fact]
    public void A_voice_maps_every_field_and_keeps_its_opaque_id()
    {
        var voice = ModelReader.Voice(JsonText.Parse(Payloads.Voice("EXAVITQu4vr4xnSDxMaL")));

        Assert.Equal("EXAVITQu4vr4xnSDxMaL", voice.Id);
        Assert.Equal("Sarah", voice.Name);
        Assert.Equal("female", voice.Gender);
        Assert.Equal("young_adult", voice.AgeGroup);
        Assert.Equal("american", voice.Accent);
        Assert.Equal("professional", voice.Style);
        Assert.Equal("https://cdn.example/sarah.mp3", voice.PreviewAudioUrl);
    }

    [Fact]
    public void A_voice_named_by_voice_id_is_read()
    {
        Assert.Equal("v-9", ModelReader.Voice(JsonText.Parse("""{"voice_id":"v-9","accent":"klingon"}""")).Id);
    }

    [Fact]
    public void A_voiceover_maps_its_fields()
    {
        var voiceover = ModelReader.Voiceover(JsonText.Parse("""{"id":"vo1","status":"completed","duration":"3.25","audio_url":"https://files.example/vo1.mp3"}"""));

        Assert.Equal("vo1", voiceover.Id);
        Assert.Equal("completed", voiceover.Status);
        Assert.Equal(3.25, voiceover.Duration);
        Assert.Equal("https://files.example/vo1.mp3", voiceover.AudioUrl);
    }

    [Fact]
    public void A_voiceover_without_an_id_is_an_invalid_response()
    {
        Assert.Equal(AdsumoErrorKind.InvalidResponse,
            Assert.Throws<AdsumoException>(() => ModelReader.Voiceover(JsonText.Parse("""{"status":"completed"}"""))).Kind);
    }

    [Fact]
    public void A_webhook_event_maps_its_fields()
    {
        var webhook = ModelReader.WebhookEvent(JsonText.Parse("""
            {"event":"generation.failed","generation_id":"g1","type":"ai-video","status":"failed","error_message":"Timed out upstream",
             "created_at":"2026-01-15T12:00:00Z","completed_at":"2026-01-15T12:05:00Z","unexpected":1}
            """));

        Assert.Equal("generation.failed", webhook.Event);
        Assert.Equal("g1", webhook.GenerationId);
        Assert.Equal("ai-video", webhook.Type);
        Assert.Equal("failed", webhook.Status);
        Assert.Equal("Timed out upstream", webhook.ErrorMessage);
        Assert.Null(webhook.ResultUrl);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 5, 0, TimeSpan.Zero), webhook.CompletedAt);
    }
}
