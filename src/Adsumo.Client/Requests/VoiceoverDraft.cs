using System.Collections;
using System.Text.Json.Nodes;

namespace Adsumo.Client;

/// <summary>Speech from text in one of the voices; made synchronously for 1 credit.</summary>
public sealed class VoiceoverDraft
{
    /// <summary>The endpoint below the base URI.</summary>
    public const string Path = "voiceovers/text-to-speech";

    public string? Text { get; set; }
    public string? VoiceId { get; set; }
    public string? Model { get; set; }

    /// <summary>Voice settings, passed through as a JSON object (stability, similarity and the like).</summary>
    public IDictionary? VoiceSettings { get; set; }

    public void Validate()
    {
        Text = Input.Text(Text, nameof(Text), ServiceLimits.Text);
        VoiceId = Input.VoiceId(VoiceId, nameof(VoiceId));
        if (Model is not null) Model = Input.Text(Model, nameof(Model), ServiceLimits.ModelName);
        if (VoiceSettings is not null) JsonValues.ToNode(VoiceSettings, nameof(VoiceSettings));
    }

    public CreditEstimate Estimate() => CreditEstimate.Exactly(Prices.Voiceover, "a voiceover");

    /// <summary>The request's identity (endpoint and canonical body), as journals know it.</summary>
    public RequestIdentity Identity() => RequestIdentity.Of(Path, ToJson());

    /// <summary>A short description for confirmations and journals.</summary>
    public string Describe() => $"voiceover of {Text?.Length ?? 0} characters in voice {VoiceId}";

    internal byte[] ToJson() => new JsonBody()
        .Set("text", Text).Set("voice_id", VoiceId).Set("model", Model)
        .Set("voice_settings", VoiceSettings is null ? null : (JsonNode?)JsonValues.ToNode(VoiceSettings, nameof(VoiceSettings)))
        .ToBytes();
}
