namespace Adsumo.Emulator.Validation;

/// <summary>Field limits: documented ones, and this emulator's choices where the docs give none.</summary>
internal static class Limits
{
    public const int CustomAvatarName = 50;          // documented
    public const int ProductName = 200;              // undocumented: the emulator's choice
    public const int ProductCategory = 200;          // undocumented: the emulator's choice
    public const int Description = 5000;             // undocumented: the emulator's choice
    public const int Text = 5000;                    // prompt, script, text, additional_prompt
    public const int ShortString = 200;              // template, model of a voiceover
    public const int MaxQuantity = 8;
    public const int MaxAiVideoSeconds = 60;
    public const int DefaultAiVideoSeconds = 10;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
}
