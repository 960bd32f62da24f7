using System.Text.Json.Serialization;
using Adsumo.Emulator.RequestLogging;
using Adsumo.Emulator.Wire;

namespace Adsumo.Emulator.Json;

/// <summary>Source-generated serializers for every wire type: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(UtcSecondsConverter)])]
[JsonSerializable(typeof(ErrorEnvelopeJson))]
[JsonSerializable(typeof(ProductJson))]
[JsonSerializable(typeof(CreatedProductJson))]
[JsonSerializable(typeof(PageJson<ProductJson>))]
[JsonSerializable(typeof(DataJson<PlatformAvatarJson>))]
[JsonSerializable(typeof(CustomAvatarJson))]
[JsonSerializable(typeof(CustomAvatarJson[]))]
[JsonSerializable(typeof(SubmittedGenerationJson))]
[JsonSerializable(typeof(PageJson<GenerationItemJson>))]
[JsonSerializable(typeof(GenerationJson))]
[JsonSerializable(typeof(TalkingAvatarDetailsJson))]
[JsonSerializable(typeof(AiVideoDetailsJson))]
[JsonSerializable(typeof(ImageDetailsJson))]
[JsonSerializable(typeof(ProductShotDetailsJson))]
[JsonSerializable(typeof(PageJson<VoiceJson>))]
[JsonSerializable(typeof(VoiceoverJson))]
[JsonSerializable(typeof(CreditsJson))]
[JsonSerializable(typeof(WebhookCompletedJson))]
[JsonSerializable(typeof(WebhookFailedJson))]
[JsonSerializable(typeof(SettingsJson))]
[JsonSerializable(typeof(FaultsJson))]
[JsonSerializable(typeof(DataJson<LoggedRequest>))]
[JsonSerializable(typeof(SeedResultJson))]
internal sealed partial class EmulatorJson : JsonSerializerContext;
