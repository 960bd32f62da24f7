using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Gets the voices for voiceovers and talking-avatar scripts.
/// </summary>
/// <remarks>
/// -Gender, -AgeGroup, -Accent and -Style filter on the server; -Name (wildcards allowed) filters what comes back.
/// Lists page by page as they arrive; -First, -Skip and -IncludeTotalCount page on the server (with -Name they count
/// the matching voices). Voice ids are opaque strings such as EXAVITQu4vr4xnSDxMaL, not UUIDs.
/// </remarks>
/// <example>
/// <code>Get-AdsumoVoice -Gender female -Accent british -Style professional</code>
/// <para>Professional British female voices.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoVoice -Name 'Ra*' | Select-Object -First 1 | ForEach-Object { New-AdsumoVoiceover -Text 'Hello' -VoiceId $_.Id }</code>
/// <para>A voiceover in the first voice whose name starts with Ra.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoVoice", SupportsPaging = true)]
[OutputType(typeof(Voice))]
public sealed class GetAdsumoVoiceCommand : AdsumoApiCmdlet
{
    /// <summary>Only voices of this gender.</summary>
    [Parameter]
    [ValidateSet("male", "female", "other")]
    public string? Gender { get; set; }

    /// <summary>Only voices of this age group.</summary>
    [Parameter]
    [ValidateSet("kid", "young_adult", "adult", "senior")]
    public string? AgeGroup { get; set; }

    /// <summary>Only voices with this accent.</summary>
    [Parameter]
    [ValidateSet("american", "british", "french", "danish", "swedish", "german", "norwegian", "spanish", "neutral")]
    public string? Accent { get; set; }

    /// <summary>Only voices of this style.</summary>
    [Parameter]
    [ValidateSet("professional", "casual", "energetic", "whisper", "speaker")]
    public string? Style { get; set; }

    /// <summary>Only voices whose name matches; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    private protected override void End()
    {
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        // The service cannot filter by name: with -Name every page of the other filters is read and paged here.
        var query = Client.ListVoices(Gender?.ToLowerInvariant(), AgeGroup?.ToLowerInvariant(), Accent?.ToLowerInvariant(), Style?.ToLowerInvariant(),
            pattern is null ? PagingParameters.Skip : 0, pattern is null ? PagingParameters.First : ulong.MaxValue);
        ListWriter.WriteAll(this, query, PagingParameters, "voices", pattern is null ? null : v => pattern.IsMatch(v.Name ?? ""));
    }
}
