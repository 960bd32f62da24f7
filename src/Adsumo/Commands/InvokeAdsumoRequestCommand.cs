using System.Collections;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Calls any Adsumo API endpoint with the module's connection, retries, errors and cancellation.
/// </summary>
/// <remarks>
/// For endpoints the module has no cmdlet for, such as face swaps, localizations, video and image edits and
/// speech-to-speech. -Path is relative to the base URI (products, or /generations/&lt;id&gt;); a full URL is accepted
/// only inside the API, since the key is sent nowhere else. -Query is a hashtable of query parameters; -Body a
/// hashtable (sent as JSON) or a JSON string. GET, PUT and DELETE are retried on transient failures; POST and PATCH
/// only when the service certainly never received them, so nothing is created twice. The answer comes back as
/// objects; one that carries a generation_id comes back as an Adsumo.Generation, ready for Wait-AdsumoGeneration.
/// Errors are the module's own (a 404 is Adsumo.NotFound).
/// </remarks>
/// <example>
/// <code>Invoke-AdsumoRequest -Method GET -Path products -Query @{ limit = 5 }</code>
/// <para>The raw first page of products, with its pagination.</para>
/// </example>
/// <example>
/// <code>Invoke-AdsumoRequest -Method POST -Path videos/face-swap -Body @{ video_url = $url; avatar_id = $id } | Wait-AdsumoGeneration | Save-AdsumoGeneration</code>
/// <para>Starts a generation on an endpoint without a cmdlet, waits for it and saves it.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "AdsumoRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PSObject), typeof(Generation))]
public sealed class InvokeAdsumoRequestCommand : AdsumoApiCmdlet
{
    /// <summary>The HTTP method.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")]
    public string Method { get; set; } = "GET";

    /// <summary>The path below the base URI, such as generations or products/&lt;id&gt;.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Query parameters: strings, numbers, booleans (sent as true or false), dates (ISO 8601 in UTC) and lists of them (the name repeated), written the same in every culture.</summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>The body: a hashtable or object (sent as JSON), or a JSON string.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    private protected override object? CurrentTarget => Path;

    private protected override void Process()
    {
        var method = Method.ToUpperInvariant();
        var body = PlainValues.From(Body, nameof(Body));
        var query = PlainValues.From(Query, nameof(Query)) as IDictionary;
        if (body is not null and not string) JsonValues.ToNode(body, nameof(Body));
        if (method != "GET" && method != "HEAD" && !ShouldProcess(Path, method)) return;
        var client = Client;
        try
        {
            var response = Pump.Run(call => client.InvokeAsync(method, Path, query, body, call));
            var answer = AdsumoClient.ReadAnswer(response, method + " " + Path);
            if (answer is not null) WriteObject(PlainValues.ToPowerShell(answer), enumerateCollection: false);
        }
        catch (AdsumoException e)
        {
            WriteFailure(e, Path);
        }
    }
}
