using System;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Turns failures into error records with stable ids (Adsumo.NotFound, Adsumo.InvalidId, ...), a category from the
/// cause, and the target the failure is about.
/// </summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target, string? context = null, string? advice = null)
    {
        if (exception is not AdsumoException and not AdsumoInputException) exception = Unexpected(exception);
        ErrorRecord record = exception switch
        {
            AdsumoException e => new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), target),
            AdsumoInputException e => new ErrorRecord(e, e.ErrorId, CategoryOf(e.Reason), target),
            _ => throw new InvalidOperationException("Unreachable: every other exception was wrapped."),
        };
        record.ErrorDetails = new ErrorDetails(context is null ? exception.Message : context + " " + exception.Message)
        {
            RecommendedAction = advice ?? Advice(exception),
        };
        return record;
    }

    /// <summary>
    /// An exception the module did not foresee, as an Adsumo.Unexpected error: its type and message say what broke,
    /// sanitized (it may quote the service), and the original stays inside for a script or a bug report.
    /// </summary>
    private static AdsumoException Unexpected(Exception exception) =>
        new(AdsumoErrorKind.Unexpected, $"Unexpected {exception.GetType().Name}: {SafeText.Line(exception.Message, 300)}", exception);

    public static ErrorRecord NotConnected() => new(
        new AdsumoInputException(ErrorReason.NotConnected, "Connection",
            $"Not connected to Adsumo. Run Connect-Adsumo, pass -Connection, or set the {Connections.KeyVariable} environment variable."),
        "Adsumo.NotConnected", ErrorCategory.AuthenticationError, null);

    private static ErrorCategory CategoryOf(AdsumoErrorKind kind) => kind switch
    {
        AdsumoErrorKind.InvalidRequest => ErrorCategory.InvalidArgument,
        AdsumoErrorKind.Unauthorized => ErrorCategory.AuthenticationError,
        AdsumoErrorKind.Forbidden => ErrorCategory.PermissionDenied,
        AdsumoErrorKind.InsufficientCredits => ErrorCategory.QuotaExceeded,
        AdsumoErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        AdsumoErrorKind.Conflict => ErrorCategory.InvalidOperation,
        AdsumoErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        AdsumoErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        AdsumoErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
        AdsumoErrorKind.Timeout => ErrorCategory.OperationTimeout,
        AdsumoErrorKind.NetworkError => ErrorCategory.ConnectionError,
        AdsumoErrorKind.GenerationFailed => ErrorCategory.InvalidResult,
        AdsumoErrorKind.WaitTimeout => ErrorCategory.OperationTimeout,
        AdsumoErrorKind.DownloadFailed => ErrorCategory.ReadError,
        AdsumoErrorKind.FileWriteFailed => ErrorCategory.WriteError,
        AdsumoErrorKind.Unexpected => ErrorCategory.NotSpecified,
        _ => ErrorCategory.NotSpecified,
    };

    private static ErrorCategory CategoryOf(string reason) => reason switch
    {
        ErrorReason.FileExists => ErrorCategory.ResourceExists,
        ErrorReason.GenerationNotReady => ErrorCategory.ResourceUnavailable,
        ErrorReason.CreditLimitExceeded => ErrorCategory.QuotaExceeded,
        _ => ErrorCategory.InvalidArgument,
    };

    private static string? Advice(Exception exception) => exception switch
    {
        AdsumoException { Kind: AdsumoErrorKind.Unauthorized } => "Check the key, or make a new one in the Adsumo dashboard (Settings > API Keys), then run Connect-Adsumo again.",
        AdsumoException { Kind: AdsumoErrorKind.Forbidden } => "API access needs the Starter tier or higher.",
        AdsumoException { Kind: AdsumoErrorKind.InsufficientCredits } => "Check the balance with Get-AdsumoCredit.",
        AdsumoException { Kind: AdsumoErrorKind.RateLimited } => "Wait a moment and try again, or raise -MaxRetries on Connect-Adsumo.",
        AdsumoException { Kind: AdsumoErrorKind.WaitTimeout } => "Run Wait-AdsumoGeneration again with the same ids; nothing was lost.",
        _ => null,
    };
}
