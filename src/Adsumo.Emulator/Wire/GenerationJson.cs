using System;

namespace Adsumo.Emulator.Wire;

/// <summary>What the submit calls answer; the docs name the id <c>generation_id</c> here.</summary>
internal sealed record SubmittedGenerationJson(Guid GenerationId, string Type, string Status);

internal sealed record GenerationItemJson(
    Guid Id, string Type, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? ResultUrl,
    string? ErrorMessage);

/// <summary><c>details</c> is one of the detail records below, chosen by the generation's type.</summary>
internal sealed record GenerationJson(
    Guid Id, string Type, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? ResultUrl,
    string? ErrorMessage, object Details);

internal sealed record TalkingAvatarDetailsJson(
    Guid AvatarId, string AvatarType, string Script, string VoiceId, string? Template, double Duration,
    string LipsyncModel, Guid? VoiceoverId);

internal sealed record AiVideoDetailsJson(string Prompt, string Model, int Duration, string AspectRatio);

internal sealed record ImageDetailsJson(string Prompt, string Model, string AspectRatio, string Resolution, int Quantity);

internal sealed record ProductShotDetailsJson(
    string? Prompt, string Model, string AspectRatio, string Resolution, int Quantity, Guid ProductId, string StyleId,
    string? AdditionalPrompt);
