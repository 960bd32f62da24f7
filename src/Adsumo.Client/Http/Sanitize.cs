using System;
using System.Text;

namespace Adsumo.Client.Http;

/// <summary>
/// Makes text from the network safe to show: no control characters (a hostile answer could carry terminal escape
/// sequences) and no invisible format characters (a right-to-left override could make it read as something else),
/// whitespace collapsed, and a bounded length.
/// </summary>
public static class Sanitize
{
    public static string Text(string? value, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var builder = new StringBuilder(value!.Length < maxLength ? value.Length : maxLength);
        var lastWasSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
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
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace)
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

    private const int MaxRequestId = 128;
}
