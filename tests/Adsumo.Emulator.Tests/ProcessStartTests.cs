using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>The built program, started the way build.ps1 and the Pester tests start it.</summary>
public sealed class ProcessStartTests
{
    [Fact]
    public async Task It_writes_the_port_file_and_prints_the_listening_line()
    {
        var folder = Directory.CreateTempSubdirectory("adsumo-emulator-test-");
        var portFile = Path.Combine(folder.FullName, "port");
        using var process = Start("--urls", "http://127.0.0.1:0", "--port-file", portFile);
        try
        {
            await ApiCalls.WaitUntilAsync(() => Task.FromResult(File.Exists(portFile) || process.HasExited), 30);
            if (process.HasExited) Assert.Fail($"The emulator exited: {await process.StandardError.ReadToEndAsync()}");

            var baseUrl = (await File.ReadAllTextAsync(portFile)).Trim();
            Assert.Matches(new Regex(@"^http://127\.0\.0\.1:[0-9]+/api/v1$"), baseUrl);
            Assert.Equal($"Adsumo emulator listening on {baseUrl}", await process.StandardOutput.ReadLineAsync());
            Assert.Empty(Directory.GetFiles(folder.FullName, "*.tmp"));

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/account/credits");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorServer.NewKey());
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task It_refuses_a_non_loopback_address_with_exit_code_2()
    {
        using var process = Start("--urls", "http://0.0.0.0:5080");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("loopback", error);
    }

    private static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EmulatorDll());
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException("The emulator did not start.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    /// <summary>The emulator built beside this test assembly, in the same configuration.</summary>
    private static string EmulatorDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var folder = output;
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "src", "Adsumo.Emulator")))
            folder = folder.Parent;
        if (folder is null) throw new DirectoryNotFoundException("The repository root was not found.");
        var dll = Path.Combine(folder.FullName, "src", "Adsumo.Emulator", "bin", configuration, framework, "Adsumo.Emulator.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the emulator first.", dll);
    }
}
