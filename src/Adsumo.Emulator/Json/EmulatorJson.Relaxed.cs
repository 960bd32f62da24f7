using System.Text.Encodings.Web;
using System.Text.Json;

namespace Adsumo.Emulator.Json;

internal sealed partial class EmulatorJson
{
    private static EmulatorJson? _wire;

    /// <summary>
    /// The serializers to use. The default encoder escapes ' and &amp; (for HTML pages), which made messages and
    /// result URLs unreadable in a terminal; these answers are never embedded in HTML.
    /// Made on first use: static initializers of a partial class run in no guaranteed order, and this needs Default.
    /// </summary>
    public static EmulatorJson Wire => _wire ??= new EmulatorJson(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
