using System.Threading.Tasks;

namespace Adsumo.Emulator.Tests.Infrastructure;

/// <summary>
/// One emulator per test class. Generations finish at once, so results are there on the first read; tests that
/// change settings or faults use a server of their own.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public EmulatorServer Server => _server!;

    protected virtual string[] Arguments => ["--generation-seconds", "0"];

    public async Task InitializeAsync() => _server = await EmulatorServer.StartAsync(Arguments);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>Generations stay processing until the control API finishes them.</summary>
public sealed class HeldGenerationsFixture : EmulatorFixture
{
    protected override string[] Arguments => ["--generation-seconds", "-1"];
}
