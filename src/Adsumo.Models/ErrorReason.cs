namespace Adsumo;

/// <summary>
/// Why a value was refused before anything was sent: the Reason of an <see cref="AdsumoInputException"/>, and the
/// stable error id Adsumo.&lt;Reason&gt;. Scripts can match them, as in
/// <c>$_.FullyQualifiedErrorId -like "Adsumo.$([Adsumo.ErrorReason]::InvalidId),*"</c>.
/// </summary>
public static class ErrorReason
{
    /// <summary>A value that must be given is empty.</summary>
    public const string MissingValue = nameof(MissingValue);

    /// <summary>An id is not a UUID.</summary>
    public const string InvalidId = nameof(InvalidId);

    /// <summary>A name is longer than the service accepts.</summary>
    public const string NameTooLong = nameof(NameTooLong);

    /// <summary>A URL is not absolute http or https.</summary>
    public const string InvalidUrl = nameof(InvalidUrl);

    /// <summary>A currency is not three letters.</summary>
    public const string InvalidCurrency = nameof(InvalidCurrency);

    /// <summary>A price is negative or unreadable.</summary>
    public const string InvalidPrice = nameof(InvalidPrice);

    /// <summary>A style id is not a slug.</summary>
    public const string InvalidStyleId = nameof(InvalidStyleId);

    /// <summary>An aspect ratio is not width:height.</summary>
    public const string InvalidAspectRatio = nameof(InvalidAspectRatio);

    /// <summary>A voice id is not one word of letters and digits.</summary>
    public const string InvalidVoiceId = nameof(InvalidVoiceId);

    /// <summary>A value is not one of the allowed ones.</summary>
    public const string InvalidValue = nameof(InvalidValue);

    /// <summary>A number is outside its range.</summary>
    public const string OutOfRange = nameof(OutOfRange);

    /// <summary>An API key is malformed.</summary>
    public const string InvalidApiKey = nameof(InvalidApiKey);

    /// <summary>No API key was given.</summary>
    public const string MissingApiKey = nameof(MissingApiKey);

    /// <summary>A base URI is not absolute http(s) without credentials, query or fragment.</summary>
    public const string InvalidBaseUri = nameof(InvalidBaseUri);

    /// <summary>A base URI is plain http to another machine.</summary>
    public const string InsecureBaseUri = nameof(InsecureBaseUri);

    /// <summary>A path leads outside the API's base URI.</summary>
    public const string InvalidPath = nameof(InvalidPath);

    /// <summary>A query value has no form in a query string.</summary>
    public const string InvalidQuery = nameof(InvalidQuery);

    /// <summary>A body cannot be sent as JSON.</summary>
    public const string InvalidBody = nameof(InvalidBody);

    /// <summary>A webhook's signature does not match its body.</summary>
    public const string InvalidSignature = nameof(InvalidSignature);

    /// <summary>A webhook's body is not a JSON object.</summary>
    public const string InvalidWebhookBody = nameof(InvalidWebhookBody);

    /// <summary>There is no connection to use.</summary>
    public const string NotConnected = nameof(NotConnected);

    /// <summary>A request is estimated above -MaxCredits.</summary>
    public const string CreditLimitExceeded = nameof(CreditLimitExceeded);

    /// <summary>A file exists and -Force was not given.</summary>
    public const string FileExists = nameof(FileExists);

    /// <summary>A folder was given where a file is meant.</summary>
    public const string PathIsFolder = nameof(PathIsFolder);

    /// <summary>A file was given where a folder is meant, or one file for several generations.</summary>
    public const string PathIsFile = nameof(PathIsFile);

    /// <summary>A path is not on the file system (the current location is on another provider, such as Env:).</summary>
    public const string NotAFileSystemPath = nameof(NotAFileSystemPath);

    /// <summary>-Path and -OutFile were both given.</summary>
    public const string ConflictingParameters = nameof(ConflictingParameters);

    /// <summary>A file name made from the service's values would not lie inside the destination folder.</summary>
    public const string UnsafeFileName = nameof(UnsafeFileName);

    /// <summary>An object that is not a generation was given where a generation is meant.</summary>
    public const string NotAGeneration = nameof(NotAGeneration);

    /// <summary>The folder of a file does not exist.</summary>
    public const string FolderNotFound = nameof(FolderNotFound);

    /// <summary>A generation to save is still processing.</summary>
    public const string GenerationNotReady = nameof(GenerationNotReady);
}
