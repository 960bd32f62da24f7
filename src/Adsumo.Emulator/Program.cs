using System;
using System.IO;
using Adsumo.Emulator.Hosting;

namespace Adsumo.Emulator;

internal static class Program
{
    public static int Main(string[] args)
    {
        EmulatorOptions? options;
        try
        {
            options = EmulatorCommandLine.Parse(args);
        }
        catch (EmulatorOptionsException error)
        {
            Console.Error.WriteLine($"Adsumo emulator: {error.Message}");
            Console.Error.WriteLine("Run with --help to see the options.");
            return 2;
        }

        if (options is null)
        {
            Console.Out.Write(EmulatorCommandLine.Usage);
            return 0;
        }

        try
        {
            EmulatorApp.Build(options).Run();
            return 0;
        }
        catch (Exception error) when (error is IOException or InvalidOperationException)
        {
            // Typically the port is taken.
            Console.Error.WriteLine($"Adsumo emulator: cannot listen on {options.Urls}: {error.Message}");
            return 1;
        }
    }
}
