using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Gets avatars: the platform's, the team's custom ones, or both.
/// </summary>
/// <remarks>
/// Without -Type, writes the platform avatars and then the team's custom avatars. -Gender, -AgeGroup and -Name
/// (wildcards allowed) filter them. With -Id, writes the avatars with those ids; an id found in neither list is a
/// non-terminating Adsumo.NotFound error.
/// </remarks>
/// <example>
/// <code>Get-AdsumoAvatar -Type Platform -Gender female -AgeGroup young_adult</code>
/// <para>Young adult female platform avatars.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoAvatar -Type Custom -Name 'Sales*'</code>
/// <para>The team's custom avatars whose names start with Sales.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoAvatar", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Avatar))]
public sealed class GetAdsumoAvatarCommand : AdsumoApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private readonly List<string> _ids = new();

    /// <summary>The ids of the avatars to get. Takes ids and avatars from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AvatarId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Platform avatars (for everyone) or Custom (the team's). Both when omitted.</summary>
    [Parameter]
    [ValidateSet("Platform", "Custom")]
    public string? Type { get; set; }

    /// <summary>Only avatars of this gender.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("male", "female", "other")]
    public string? Gender { get; set; }

    /// <summary>Only avatars of this age group.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("kid", "young_adult", "adult", "senior")]
    public string? AgeGroup { get; set; }

    /// <summary>Only avatars whose name matches; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    private protected override void Process()
    {
        if (ParameterSetName == ListSet) return;
        foreach (var id in Id)
        {
            try
            {
                _ids.Add(Input.Id(id, nameof(Id), "avatar id"));
            }
            catch (AdsumoInputException e)
            {
                WriteFailure(e, id);
            }
        }
    }

    private protected override void End()
    {
        var avatars = ReadAvatars();
        if (ParameterSetName == ByIdSet)
        {
            foreach (var id in _ids)
            {
                var match = avatars.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase));
                if (match is not null) WriteObject(match);
                else WriteFailure(new AdsumoException(AdsumoErrorKind.NotFound, $"No platform or custom avatar has the id {id}."), id);
            }
            return;
        }
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        foreach (var avatar in avatars)
        {
            if (Gender is not null && !string.Equals(avatar.Gender, Gender, StringComparison.OrdinalIgnoreCase)) continue;
            if (AgeGroup is not null && !string.Equals(avatar.AgeGroup, AgeGroup, StringComparison.OrdinalIgnoreCase)) continue;
            if (pattern is not null && !pattern.IsMatch(avatar.Name ?? "")) continue;
            WriteObject(avatar);
        }
    }

    private List<Avatar> ReadAvatars()
    {
        var client = Client;
        var all = new List<Avatar>();
        if (Type is null or "Platform") all.AddRange(Pump.Run(call => client.ListPlatformAvatarsAsync(call)));
        if (Type is null or "Custom") all.AddRange(Pump.Run(call => client.ListCustomAvatarsAsync(call)));
        return all;
    }
}
