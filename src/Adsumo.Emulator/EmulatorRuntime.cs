using System;
using Adsumo.Emulator.Faults;
using Adsumo.Emulator.Files;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.RateLimiting;
using Adsumo.Emulator.RequestLogging;
using Adsumo.Emulator.Settings;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Webhooks;

namespace Adsumo.Emulator;

/// <summary>Everything one running emulator holds, built once; a reset empties it back to start-up.</summary>
internal sealed class EmulatorRuntime : IDisposable
{
    public EmulatorRuntime(EmulatorOptions options, TimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Settings = new SettingsStore(options.Settings);
        Server = new ServerAddress();
        Urls = new ResultUrls(Settings, clock);
        Webhooks = new WebhookSender(Settings, Urls, Server);
        Lifecycle = new GenerationLifecycle(Webhooks);
        Scheduler = new GenerationScheduler(Lifecycle, clock);
        Teams = new TeamStore();
        Generations = new GenerationBook(this);
        Views = new GenerationViews(Urls);
        Faults = new FaultInjector();
        Log = new RequestLog();
        RateLimiter = new RateLimiter(clock);
    }

    public EmulatorOptions Options { get; }

    public TimeProvider Clock { get; }

    public SettingsStore Settings { get; }

    public ServerAddress Server { get; }

    public ResultUrls Urls { get; }

    public WebhookSender Webhooks { get; }

    public GenerationLifecycle Lifecycle { get; }

    public GenerationScheduler Scheduler { get; }

    public TeamStore Teams { get; }

    public GenerationBook Generations { get; }

    public GenerationViews Views { get; }

    public FaultInjector Faults { get; }

    public RequestLog Log { get; }

    public RateLimiter RateLimiter { get; }

    public void Reset()
    {
        Scheduler.Clear();
        Teams.Reset();
        Faults.Clear();
        Log.Clear();
        RateLimiter.Reset();
        Settings.Reset();
    }

    public void Dispose()
    {
        Scheduler.Dispose();
        Webhooks.Dispose();
    }
}
