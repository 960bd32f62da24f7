using System;
using System.IO;
using System.Management.Automation;
using Adsumo.Client.Http;

namespace Adsumo.Infrastructure;

/// <summary>
/// Turns a -Path or -OutFile into a file-system path as PowerShell's own cmdlets do: relative to the current
/// file-system location (not the process's working directory), and refused with Adsumo.InvalidFilePath when it
/// leads anywhere but the file system (a relative path while the location is Env:, an unknown drive).
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
        catch (Exception e) when (e is RuntimeException or ArgumentException or NotSupportedException or IOException)
        {
            throw new AdsumoInputException(ErrorReason.InvalidFilePath, parameter,
                $"-{parameter} '{Sanitize.Text(path, 60)}' is not a file-system path: {Sanitize.Text(e.Message, 200)}");
        }
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdsumoInputException(ErrorReason.InvalidFilePath, parameter,
                $"-{parameter} '{Sanitize.Text(path, 60)}' leads to the {provider.Name} provider (the current location is {Sanitize.Text(cmdlet.SessionState.Path.CurrentLocation.Path, 80)}), not to the file system. Give a full path, or Set-Location to a folder first.");
        }
        return resolved;
    }

    /// <summary>The nearest existing part of <paramref name="path"/> (the path itself included) when it is a file, else null.</summary>
    public static string? FileAlong(string path)
    {
        for (var part = Path.GetFullPath(path); !string.IsNullOrEmpty(part); part = Path.GetDirectoryName(part))
        {
            if (File.Exists(part)) return part;
            if (Directory.Exists(part)) return null;
        }
        return null;
    }
}
