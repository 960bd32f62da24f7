namespace Adsumo.Client;

/// <summary>
/// Where the HTTP core reports what it does. Calls may run on any thread, so a PowerShell host must queue the
/// messages and write them from its pipeline thread.
/// </summary>
public interface ICallLog
{
    /// <summary>One line for -Verbose: a request, its status and time, a retry.</summary>
    void Verbose(string message);

    /// <summary>One line for -Debug.</summary>
    void Debug(string message);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullCallLog : ICallLog
{
    /// <summary>The one instance.</summary>
    public static readonly NullCallLog Instance = new();

    private NullCallLog() { }

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void Debug(string message) { }
}
