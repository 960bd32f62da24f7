using System;

namespace Adsumo.Emulator.Hosting;

/// <summary>A bad command line; the program prints the message and exits with code 2.</summary>
public sealed class EmulatorOptionsException(string message) : Exception(message);
