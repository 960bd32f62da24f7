using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Adsumo.Client.Http;

namespace Adsumo.Client;

/// <summary>
/// File names made from what the service sends. A generation's type and id come from the network, so they are
/// reduced to a safe form before they become part of a name, and the full path is proven to lie in the destination
/// folder before anything is written: no answer can make a file land elsewhere.
/// </summary>
public static class FileNames
{
    /// <summary>The longest name (one path component) common file systems take: 255 bytes (UTF-16 units on Windows).</summary>
    public const int MaxNameLength = 255;

    /// <summary>The longest type kept in a file name; a longer one is cut.</summary>
    public const int MaxTypeLength = 40;

    private static readonly string[] MediaExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".mp4", ".mov", ".webm", ".mp3", ".wav", ".m4a"];

    // Names Windows gives to devices, whatever the extension (CON.png is the console, not a file).
    private static readonly string[] DeviceNames =
    [
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    ];

    /// <summary>
    /// The file a generation is saved as in <paramref name="folder"/>: &lt;type&gt;-&lt;id&gt;&lt;extension&gt;. The id must
    /// be a UUID (the caller asked for it by that id); the type is reduced to lower-case letters, digits and single
    /// dashes, at most <see cref="MaxTypeLength"/> of them ("generation" when nothing is left); the extension is the
    /// result URL's when it is a known media type, else the type's usual one (.png for images, .mp4 for videos,
    /// .bin otherwise).
    /// </summary>
    public static string ForGeneration(string folder, string id, string? type, Uri resultUrl)
    {
        var checkedId = Input.Id(id, "Id", "generation id");
        var safeType = Reduce(type, "generation", MaxTypeLength);
        var extension = Path.GetExtension(resultUrl.AbsolutePath).ToLowerInvariant();
        if (!MediaExtensions.Contains(extension)) extension = safeType switch
        {
            "image" => ".png",
            "talking-avatar" or "ai-video" => ".mp4",
            _ => ".bin",
        };
        return Inside(folder, $"{safeType}-{checkedId}{extension}");
    }

    /// <summary>
    /// A value from the service reduced to a name part: ASCII letters and digits in lower case, and dashes between
    /// them (every other run of characters becomes one dash), at most <paramref name="maxLength"/> characters;
    /// <paramref name="fallback"/> when nothing is left. No separator, dot, control or format character survives.
    /// </summary>
    public static string Reduce(string? value, string fallback, int maxLength)
    {
        var builder = new StringBuilder();
        foreach (var c in value ?? "")
        {
            if (builder.Length >= maxLength) break;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9')) builder.Append(lower);
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-') builder.Append('-');
        }
        var reduced = builder.ToString().Trim('-');
        return reduced.Length == 0 ? fallback : reduced;
    }

    /// <summary>
    /// The full path of <paramref name="name"/> in <paramref name="folder"/>, proven to lie directly in it: the name
    /// must be one plain component (no separator, not . or .., no control or format character, no trailing dot or
    /// space, not a device name, at most <see cref="MaxNameLength"/> long), and the full path's folder must be the
    /// folder itself. Anything else is an <see cref="ErrorReason.UnsafeFileName"/> error and nothing is written.
    /// </summary>
    public static string Inside(string folder, string name)
    {
        var problem = ProblemWith(name);
        if (problem is null)
        {
            var root = Path.GetFullPath(folder);
            // The form GetDirectoryName gives back: no trailing separator, except on a root such as / or C:\.
            if (root.Length > Path.GetPathRoot(root)!.Length) root = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var full = Path.GetFullPath(Path.Combine(root, name));
            if (string.Equals(Path.GetDirectoryName(full), root, PathComparison)
                && string.Equals(Path.GetFileName(full), name, StringComparison.Ordinal))
            {
                return full;
            }
            problem = "it would not lie directly in the folder";
        }
        throw new AdsumoInputException(ErrorReason.UnsafeFileName, "Path",
            $"Not saving as '{Sanitize.Text(name, 80)}': {problem}. The name is made from what the service sent, so nothing was written.");
    }

    /// <summary>Whether a file name is longer than file systems allow (<see cref="MaxNameLength"/>).</summary>
    public static bool IsTooLong(string name) => Length(name) > MaxNameLength;

    /// <summary>
    /// The temporary file a download is streamed to, beside <paramref name="destination"/> and hidden:
    /// .&lt;name&gt;.&lt;random&gt;.partial, with the name cut so that the whole stays within <see cref="MaxNameLength"/>
    /// (a destination name near the limit would otherwise give a temporary name over it).
    /// </summary>
    public static string Partial(string destination)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        var suffix = "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
        var name = Path.GetFileName(destination);
        var room = MaxNameLength - 1 - Length(suffix);
        while (Length(name) > room) name = name.Substring(0, char.IsLowSurrogate(name[name.Length - 1]) && name.Length > 1 ? name.Length - 2 : name.Length - 1);
        return Path.Combine(folder, "." + name + suffix);
    }

    private static string? ProblemWith(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name is "." or "..") return "it names a folder";
        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return "it holds a path separator or a character file names cannot have";
        if (name.Any(Input.IsUnsafe)) return "it holds control or invisible format characters";
        if (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal)) return "it ends in a dot or a space";
        var stem = name.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase)) return "it is the name of a device on Windows";
        if (IsTooLong(name)) return $"it is longer than the {MaxNameLength} a file name may have";
        return null;
    }

    private static int Length(string name) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? name.Length : Encoding.UTF8.GetByteCount(name);

    private static StringComparison PathComparison =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
}
