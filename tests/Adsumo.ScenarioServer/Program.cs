using System;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Adsumo.ScenarioServer;

/// <summary>
/// A server that misbehaves on purpose, for the Pester tests of the module's reliability. Each scenario is a path
/// prefix: a client connected to http://127.0.0.1:port/&lt;scenario&gt;/api/v1 gets that behaviour on every request
/// (but a normal credit balance, so that Connect-Adsumo works, unless the scenario is about the balance).
/// Started like the emulator: dotnet Adsumo.ScenarioServer.dll --urls http://127.0.0.1:0 --port-file &lt;file&gt;;
/// the port file receives the root URL (http://127.0.0.1:port). /_scenario/requests shows every request as it
/// arrives (so a test can see one in flight), without ever keeping a header's value.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var urls = "http://127.0.0.1:0";
        string? portFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls" when i + 1 < args.Length:
                    urls = args[++i];
                    break;
                case "--port-file" when i + 1 < args.Length:
                    portFile = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"Adsumo scenario server: unexpected argument '{args[i]}'. Use --urls <urls> --port-file <file>.");
                    return 2;
            }
        }
        // Only this machine: the scenarios are for tests, and a redirect scenario must never point elsewhere.
        if (!urls.Split(';').All(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) || u.StartsWith("http://localhost:", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("Adsumo scenario server: listens on loopback only (http://127.0.0.1:<port>).");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        var log = new RequestLog();
        var scenarios = new Scenarios(log);
        app.Run(scenarios.DispatchAsync);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no address.");
            if (portFile is not null)
            {
                var full = Path.GetFullPath(portFile);
                var temporary = $"{full}.{Environment.ProcessId}.tmp";
                File.WriteAllText(temporary, address.TrimEnd('/'));
                File.Move(temporary, full, overwrite: true);
            }
        });
        app.Run();
        return 0;
    }
}
