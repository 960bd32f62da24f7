using System.Text;

namespace Adsumo.Client.Http;

/// <summary>
/// Makes text from the network safe to show: no control characters (a hostile answer could carry terminal escape
/// sequences), whitespace collapsed, and a bounded length.
/// </summary>
internal static class Sanitize
{
    public static string Text(string? value, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var builder = new StringBuilder(value!.Length < maxLength ? value.Length : maxLength);
        var lastWasSpace = false;
        foreach (var c in value)
        {
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
}
