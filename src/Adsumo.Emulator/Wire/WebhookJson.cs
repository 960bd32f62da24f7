using System;

namespace Adsumo.Emulator.Wire;

internal sealed record WebhookCompletedJson(
    string Event, Guid GenerationId, string Type, string Status, string ResultUrl, DateTimeOffset CreatedAt,
    DateTimeOffset CompletedAt);

internal sealed record WebhookFailedJson(
    string Event, Guid GenerationId, string Type, string Status, string ErrorMessage, DateTimeOffset CreatedAt,
    DateTimeOffset CompletedAt);
