using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Adsumo.Loading;

/// <summary>
/// Hooks dependency loading when the module is imported and unhooks it when it is removed. PowerShell calls this
/// before any cmdlet runs, so the HTTP core is always found through the hook.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static int _warmedUp;

    /// <inheritdoc />
    public void OnImport()
    {
        DependencyLoader.Install();
        // The first call's set-up is done on another thread while PowerShell goes on importing (format data, the
        // cmdlets' metadata). It only saves time: whatever fails here fails again, reported, in the first cmdlet.
        // Once a process: every runspace of ForEach-Object -Parallel imports the module again, and finds it done.
        if (Interlocked.Exchange(ref _warmedUp, 1) == 1) return;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            try { WarmUpCore(); }
            catch { }
        });
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module) => DependencyLoader.Uninstall();

    // Kept out of OnImport so that compiling OnImport needs nothing from the core before the hook is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WarmUpCore() => Adsumo.Client.Warmup.Prepare();
}
