using System.Management.Automation;
using System.Security;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Checks that a webhook really comes from Adsumo.
/// </summary>
/// <remarks>
/// Computes the HMAC-SHA256 of the raw request body with the webhook secret and compares it with the
/// X-Adsumo-Signature header in constant time. Writes $true or $false. Pass the body exactly as received (a string
/// is read as UTF-8; bytes are used as they are): re-serialized JSON will not match.
/// </remarks>
/// <example>
/// <code>Test-AdsumoWebhookSignature -Body $Request.RawBody -Signature $Request.Headers['X-Adsumo-Signature'] -Secret $env:ADSUMO_WEBHOOK_SECRET</code>
/// <para>In an Azure Function: checks an incoming webhook.</para>
/// </example>
/// <example>
/// <code>if (-not (Test-AdsumoWebhookSignature -Body $body -Signature $sig -Secret $secret)) { throw 'Not from Adsumo' }</code>
/// <para>Refuses a forged webhook in a runbook started by it.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "AdsumoWebhookSignature")]
[OutputType(typeof(bool))]
public sealed class TestAdsumoWebhookSignatureCommand : AdsumoCmdlet
{
    /// <summary>The raw request body, as a string or bytes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object Body { get; set; } = "";

    /// <summary>The X-Adsumo-Signature header: lowercase hex HMAC-SHA256.</summary>
    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    public string Signature { get; set; } = "";

    /// <summary>The webhook secret, as a SecureString or a string.</summary>
    [Parameter(Mandatory = true)]
    [SecretTransformation]
    public SecureString Secret { get; set; } = new();

    private protected override void Process() =>
        WriteObject(WebhookSignature.Verify(WebhookBody.Bytes(Body), Signature, WebhookBody.SecretBytes(Secret)));
}
