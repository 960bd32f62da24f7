using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Adsumo.Loading;

/// <summary>
/// The PowerShell 7 half of the loader, kept in its own class so that Windows PowerShell never touches
/// AssemblyLoadContext. Only the HTTP core's own name is answered from the default context; everything it needs
/// is then resolved by <see cref="IsolatedLoadContext"/>.
/// </summary>
internal static class IsolatedLoading
{
    private static IsolatedLoadContext? _context;
    private static string _moduleFolder = "";

    public static void Install(string dependencyFolder, string moduleFolder)
    {
        _context ??= new IsolatedLoadContext(dependencyFolder);
        _moduleFolder = moduleFolder;
        AssemblyLoadContext.Default.Resolving += ResolveFromDefault;
    }

    public static void Uninstall() => AssemblyLoadContext.Default.Resolving -= ResolveFromDefault;

    private static Assembly? ResolveFromDefault(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (name.Name == DependencyLoader.CoreAssemblyName) return _context!.LoadFromAssemblyName(name);
        // The models sit beside the module in the default context, shared by both sides.
        if (name.Name == "Adsumo.Models")
        {
            var path = Path.Combine(_moduleFolder, "Adsumo.Models.dll");
            if (File.Exists(path)) return defaultContext.LoadFromAssemblyPath(path);
        }
        return null;
    }
}
