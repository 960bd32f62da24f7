namespace Adsumo.Emulator.Settings;

/// <summary>The settings in force; replaced whole, so a request always reads one consistent set.</summary>
internal sealed class SettingsStore(EmulatorSettings startup)
{
    private volatile EmulatorSettings _current = startup;

    public EmulatorSettings Startup { get; } = startup;

    public EmulatorSettings Current => _current;

    public void Replace(EmulatorSettings settings) => _current = settings;

    public void Reset() => _current = Startup;
}
