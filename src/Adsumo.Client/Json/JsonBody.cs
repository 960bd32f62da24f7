using System.Text;
using System.Text.Json.Nodes;

namespace Adsumo.Client;

/// <summary>Builds request bodies: fields left null are not sent, so the service's defaults apply.</summary>
internal sealed class JsonBody
{
    private readonly JsonObject _object = new();

    public JsonBody Set(string name, string? value)
    {
        if (value is not null) _object[name] = value;
        return this;
    }

    public JsonBody Set(string name, decimal? value)
    {
        if (value is not null) _object[name] = value.Value;
        return this;
    }

    public JsonBody Set(string name, int? value)
    {
        if (value is not null) _object[name] = value.Value;
        return this;
    }

    public JsonBody Set(string name, JsonNode? value)
    {
        if (value is not null) _object[name] = value;
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_object.ToJsonString());
}
