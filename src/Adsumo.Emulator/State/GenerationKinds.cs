using System;

namespace Adsumo.Emulator.State;

internal static class GenerationTypes
{
    public const string TalkingAvatar = "talking-avatar";
    public const string AiVideo = "ai-video";
    public const string Image = "image";

    public static readonly string[] All = [TalkingAvatar, AiVideo, Image];

    public static string FileExtension(string type) => type == Image ? "png" : "mp4";
}

internal static class GenerationStatuses
{
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly string[] All = [Processing, Completed, Failed];
}

/// <summary>How a generation ended; set once, so readers never see a half-finished generation.</summary>
internal sealed record GenerationOutcome(string Status, DateTimeOffset CompletedAt, string? ErrorMessage)
{
    public static GenerationOutcome Completed(DateTimeOffset at) => new(GenerationStatuses.Completed, at, null);

    public static GenerationOutcome Failed(DateTimeOffset at, string message) => new(GenerationStatuses.Failed, at, message);
}
