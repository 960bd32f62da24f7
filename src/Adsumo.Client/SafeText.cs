using System;
using System.Globalization;
using System.Text;

namespace Adsumo.Client;

/// <summary>
/// The one place where text is made safe to show: text from the network (a hostile answer could carry terminal
/// escape sequences, or a right-to-left override that makes it read as something else) and values the user gave
/// that are quoted back in errors. Every message built from such text goes through here.
/// </summary>
public static class SafeText
{
    private const int MaxRequestId = 128;

    /// <summary>
    /// Text from the network on one line: control characters become spaces (collapsed), invisible format characters
    /// and lone surrogate halves are dropped, and the length is bounded (an ellipsis marks the cut).
    /// </summary>
    public static string Line(string? value, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // Ids and most fields are short visible ASCII, which is safe as it is: a listing checks thousands of them.
        if (value!.Length < maxLength && IsVisibleAscii(value)) return value;
        var builder = new StringBuilder(value.Length < maxLength ? value.Length : maxLength);
        var lastWasSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // A whole pair (an emoji, say) is kept; a lone half is dropped below.
                builder.Append(c).Append(value[++i]);
                lastWasSpace = false;
                if (builder.Length >= maxLength)
                {
                    builder.Append('…');
                    break;
                }
                continue;
            }
            if (char.IsSurrogate(c)) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            builder.Append(c);
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }
        }
        return builder.ToString().TrimEnd();
    }

    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c <= ' ' || c > '~') return false;
        }
        return true;
    }

    /// <summary>
    /// A value the user gave, quoted back in an error: bounded, with control characters, invisible format characters
    /// and surrogates made visible as '?', so the user sees that something odd is there rather than its effect.
    /// </summary>
    public static string Quote(string text)
    {
        var shown = text.Length > 60 ? text.Substring(0, 60) + "…" : text;
        var builder = new StringBuilder(shown.Length);
        foreach (var c in shown) builder.Append(IsUnsafe(c) ? '?' : c);
        return builder.ToString();
    }

    /// <summary>
    /// A request id from the service, kept only when it looks like one: it is quoted in every error and log line,
    /// so a hostile or broken header must not bring escapes or kilobytes into them.
    /// </summary>
    public static string? RequestId(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var builder = new StringBuilder(Math.Min(value!.Length, MaxRequestId));
        foreach (var c in value)
        {
            if (builder.Length == MaxRequestId) break;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':') builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Control characters, format characters (bidirectional overrides, zero-width ones) and surrogates.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
