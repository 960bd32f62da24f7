using System.Text.RegularExpressions;

namespace Adsumo.Emulator.Validation;

/// <summary>
/// Written with [0-9] (not \d, which takes any Unicode digit) and \z (not $, which allows a trailing newline).
/// </summary>
internal static partial class Patterns
{
    [GeneratedRegex(@"^adsumo_sk_[A-Za-z0-9_]{8,}\z", RegexOptions.CultureInvariant)]
    public static partial Regex ApiKey();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex Slug();

    [GeneratedRegex(@"^[0-9]{1,2}:[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    public static partial Regex AspectRatio();

    [GeneratedRegex(@"^[A-Za-z]{3}\z", RegexOptions.CultureInvariant)]
    public static partial Regex Currency();
}
