using System.Text.Json;

namespace Adsumo.Client.Tests.Json;

internal static class JsonText
{
    /// <summary>A detached element, so that tests need not keep the document alive.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
