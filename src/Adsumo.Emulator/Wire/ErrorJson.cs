using System.Text.Json.Serialization;

namespace Adsumo.Emulator.Wire;

internal sealed record ErrorEnvelopeJson(ErrorJson Error);

internal sealed record ErrorJson(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Param);
