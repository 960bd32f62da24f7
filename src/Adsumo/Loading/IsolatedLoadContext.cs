using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Adsumo.Loading;

/// <summary>
/// The load context of the HTTP core and its packages. For an assembly the runtime or PowerShell already ships
/// at the version asked for or later, it answers null so the shared copy is used (and, for DiagnosticSource,
/// always: a private copy breaks SocketsHttpHandler). Anything else is loaded privately from Dependencies/, which
/// keeps our versions apart from whatever another module loaded into the default context.
/// </summary>
internal sealed class IsolatedLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> AlwaysShared = new(StringComparer.OrdinalIgnoreCase)
    {
        "Adsumo.Models",
        "System.Diagnostics.DiagnosticSource",
        "netstandard",
    };

    private readonly string _folder;
    private readonly Lazy<Dictionary<string, string>> _platform = new(ReadPlatformAssemblies);

    public IsolatedLoadContext(string folder)
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || AlwaysShared.Contains(name.Name)) return null;
        var candidate = Path.Combine(_folder, name.Name + ".dll");
        if (!File.Exists(candidate)) return null;
        if (_platform.Value.TryGetValue(name.Name, out var platformPath) && PlatformVersion(platformPath) >= (name.Version ?? new Version(0, 0)))
        {
            return null;
        }
        return LoadFromAssemblyPath(candidate);
    }

    private static Version PlatformVersion(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            return new Version(0, 0);
        }
    }

    private static Dictionary<string, string> ReadPlatformAssemblies()
    {
        // The runtime's trusted platform assemblies: the framework's and, for pwsh, $PSHOME's own.
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in list.Split(Path.PathSeparator))
        {
            if (path.Length == 0) continue;
            map[Path.GetFileNameWithoutExtension(path)] = path;
        }
        return map;
    }
}
