using System.Management.Automation;
using System.Security;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Reads a webhook from Adsumo into an Adsumo.WebhookEvent, checking its signature when given the secret.
/// </summary>
/// <remarks>
/// For runbooks and functions started by a webhook. With -Signature and -Secret, a signature that does not match is
/// a terminating Adsumo.InvalidSignature error, so a forged request stops the script before it acts. The event says
/// which generation ended, whether it completed (with its result URL) or failed (with the reason).
/// </remarks>
/// <example>
/// <code>$webhookEvent = ConvertFrom-AdsumoWebhook -Body $WebhookData.RequestBody -Signature $WebhookData.RequestHeader.'X-Adsumo-Signature' -Secret (Get-AutomationVariable -Name AdsumoWebhookSecret)</code>
/// <para>In an Azure Automation runbook started by the webhook: verifies and reads it.</para>
/// </example>
/// <example>
/// <code>ConvertFrom-AdsumoWebhook -Body $body | Where-Object Status -eq completed | Save-AdsumoGeneration -Path ./ads</code>
/// <para>Saves the file of a completed generation announced by a webhook (GenerationId binds to -Id).</para>
/// </example>
[Cmdlet(VerbsData.ConvertFrom, "AdsumoWebhook", DefaultParameterSetName = UncheckedSet)]
[OutputType(typeof(WebhookEvent))]
public sealed class ConvertFromAdsumoWebhookCommand : AdsumoCmdlet
{
    private const string UncheckedSet = "Unchecked";
    private const string CheckedSet = "Checked";

    /// <summary>The raw request body, as a string or bytes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object Body { get; set; } = "";

    /// <summary>The X-Adsumo-Signature header, to check the body against.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CheckedSet)]
    [AllowEmptyString]
    public string Signature { get; set; } = "";

    /// <summary>The webhook secret, as a SecureString or a string.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CheckedSet)]
    [SecretTransformation]
    public SecureString Secret { get; set; } = new();

    private protected override void Process()
    {
        var body = WebhookBody.Bytes(Body);
        var verified = false;
        if (ParameterSetName == CheckedSet)
        {
            if (!WebhookSignature.Verify(body, Signature, WebhookBody.SecretBytes(Secret)))
            {
                ThrowFailure(new AdsumoInputException(ErrorReason.InvalidSignature, nameof(Signature),
                    "The webhook's signature does not match its body and the secret: it may be forged, altered, or checked with the wrong secret."), null);
            }
            verified = true;
        }
        var webhookEvent = WebhookSignature.Parse(body);
        webhookEvent.SignatureVerified = verified;
        WriteObject(webhookEvent);
    }
}
