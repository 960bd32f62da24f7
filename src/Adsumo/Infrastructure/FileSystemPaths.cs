using System;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Turns a -Path or -OutFile as the user typed it into a full file-system path, relative to the current
/// file-system location, as PowerShell's own file cmdlets do (not to the process's working directory, which
/// PowerShell does not move). A path on another provider (Env:, HKLM:, a relative path while the location is Env:)
/// is refused with a clear error rather than written somewhere unexpected.
/// </summary>
internal static class FileSystemPaths
{
    public static string Resolve(PSCmdlet cmdlet, string path, string parameter)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception e) when (e is not FlowControlException and not PipelineStoppedException)
        {
            throw new AdsumoInputException(ErrorReason.NotAFileSystemPath, parameter,
                $"-{parameter} '{SafeText.Quote(path)}' cannot be resolved to a file-system path: {SafeText.Line(e.Message, 200)}");
        }
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdsumoInputException(ErrorReason.NotAFileSystemPath, parameter,
                $"-{parameter} '{SafeText.Quote(path)}' is on the {provider.Name} provider, not the file system (the current location is {SafeText.Line(cmdlet.SessionState.Path.CurrentLocation.Path, 100)}): give a full path such as ./ads under a folder, or Set-Location to a folder first.");
        }
        return resolved;
    }
}
