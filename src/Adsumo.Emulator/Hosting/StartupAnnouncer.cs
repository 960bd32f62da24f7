using System;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Adsumo.Emulator.Hosting;

/// <summary>Tells the world where the emulator listens, once Kestrel knows (port 0 is only resolved then).</summary>
internal static class StartupAnnouncer
{
    public const string ApiPath = "/api/v1";

    public static void Announce(WebApplication app, EmulatorOptions options, ServerAddress server)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var root = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.Set(root);
        var baseUrl = server.Root + ApiPath;
        if (options.PortFile is { } portFile) WriteAtomically(portFile, baseUrl);
        if (options.Announce) Console.Out.WriteLine($"Adsumo emulator listening on {baseUrl}");
    }

    /// <summary>A reader polling for the file never sees it half written.</summary>
    private static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, full, overwrite: true);
    }
}
