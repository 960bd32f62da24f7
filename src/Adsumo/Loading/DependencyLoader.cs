using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Adsumo.Loading;

/// <summary>
/// Finds the HTTP core in the module's Dependencies folder. On PowerShell 7 the core and its packages load in a
/// load context of their own, so another module's Microsoft.Extensions.* or System.Text.Json of another version
/// never conflicts with ours, in either order. On Windows PowerShell, which has one context, the folder is probed
/// through AppDomain.AssemblyResolve.
/// </summary>
internal static class DependencyLoader
{
    public const string CoreAssemblyName = "Adsumo.Client";
    private static readonly object Gate = new();
    private static bool _installed;

    public static string ModuleFolder { get; } = Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location)!;

    public static string DependencyFolder { get; } = Path.Combine(ModuleFolder, "Dependencies");

    public static bool IsCoreClr { get; } = !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (IsCoreClr) IsolatedLoading.Install(DependencyFolder, ModuleFolder);
            else AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
            _installed = true;
        }
    }

    public static void Uninstall()
    {
        lock (Gate)
        {
            if (!_installed) return;
            if (IsCoreClr) IsolatedLoading.Uninstall();
            else AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnFramework;
            _installed = false;
        }
    }

    private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        var candidate = Path.Combine(DependencyFolder, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
