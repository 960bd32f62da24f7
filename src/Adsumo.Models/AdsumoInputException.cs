using System;

namespace Adsumo;

/// <summary>
/// A value the module refused before sending anything, such as an id that is not a UUID or a URL that is not
/// absolute. The cmdlets turn it into a terminating error whose id is Adsumo.&lt;Reason&gt;.
/// </summary>
public class AdsumoInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public AdsumoInputException(string reason, string parameterName, string message)
        : base(message, parameterName)
    {
        Reason = reason;
        _message = message;
    }

    private readonly string _message;

    /// <summary>Why the value was refused, such as InvalidId or NameTooLong.</summary>
    public string Reason { get; }

    /// <summary>The stable error id: Adsumo.&lt;Reason&gt;.</summary>
    public string ErrorId => "Adsumo." + Reason;

    /// <summary>The message as written, without the parameter suffix ArgumentException adds.</summary>
    public override string Message => _message;
}
