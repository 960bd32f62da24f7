namespace Adsumo.Emulator.Files;

internal enum FileKind
{
    Png,
    Mp4,
    Mp3,
}
