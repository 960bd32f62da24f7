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
