using System.Management.Automation;

namespace Adsumo.Loading;

/// <summary>
/// Hooks dependency loading when the module is imported and unhooks it when it is removed. PowerShell calls this
/// before any cmdlet runs, so the HTTP core is always found through the hook.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnImport() => DependencyLoader.Install();

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module) => DependencyLoader.Uninstall();
}
