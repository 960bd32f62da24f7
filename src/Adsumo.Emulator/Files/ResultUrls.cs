using System;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Adsumo.Emulator.Settings;
using Adsumo.Emulator.State;

namespace Adsumo.Emulator.Files;

internal enum UrlCheck
{
    Valid,
    BadSignature,
    Expired,
}

/// <summary>
/// Presigned URLs like a storage service's: the path and an expiry, signed with a key that lives only in this
/// process. Every read of a generation issues a fresh one.
/// </summary>
internal sealed class ResultUrls(SettingsStore settings, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public static string GenerationPath(Generation generation) =>
        $"/_files/generations/{generation.Id:D}.{GenerationTypes.FileExtension(generation.Type)}";

    public static string VoiceoverPath(Voiceover voiceover) => $"/_files/voiceovers/{voiceover.Id:D}.mp3";

    public string ForGeneration(string root, Generation generation) => Issue(root, GenerationPath(generation));

    public string ForVoiceover(string root, Voiceover voiceover) => Issue(root, VoiceoverPath(voiceover));

    /// <summary>The expiry is rounded up to a whole second, so a URL lives at least the TTL.</summary>
    public string Issue(string root, string path)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = (now + 999) / 1000 + settings.Current.UrlTtlSeconds;
        return string.Concat(root, path, "?expires=", expires.ToString(CultureInfo.InvariantCulture), "&signature=",
            Sign(path, expires));
    }

    public UrlCheck Check(string path, string? expiresText, string? signature)
    {
        if (expiresText is null || signature is null
            || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return UrlCheck.BadSignature;
        if (signature.Length != 64 || !Ascii.IsValid(signature)) return UrlCheck.BadSignature;
        var expected = Encoding.ASCII.GetBytes(Sign(path, expires));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return UrlCheck.BadSignature;
        return clock.GetUtcNow().ToUnixTimeMilliseconds() > expires * 1000 ? UrlCheck.Expired : UrlCheck.Valid;
    }

    private string Sign(string path, long expires)
    {
        var text = string.Concat(path, "\n", expires.ToString(CultureInfo.InvariantCulture));
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(_key, bytes.AsSpan(0, count), mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
