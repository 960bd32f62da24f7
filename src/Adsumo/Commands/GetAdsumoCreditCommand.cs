using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Gets the team's credit balance.
/// </summary>
/// <remarks>
/// Writes an Adsumo.CreditBalance with the credits used in the current billing period, the tier's limit and what
/// remains. Every generation is charged when it is submitted.
/// </remarks>
/// <example>
/// <code>Get-AdsumoCredit</code>
/// <para>Shows used, limit and remaining credits.</para>
/// </example>
/// <example>
/// <code>if ((Get-AdsumoCredit).Remaining -lt 100) { Write-Warning 'Adsumo credits are running low' }</code>
/// <para>Warns in a runbook when fewer than 100 credits remain.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoCredit")]
[OutputType(typeof(CreditBalance))]
public sealed class GetAdsumoCreditCommand : AdsumoApiCmdlet
{
    private protected override void End()
    {
        var client = Client;
        WriteObject(Pump.Run(call => client.GetCreditsAsync(call)));
    }
}
