using System;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// The loop the Remove cmdlets share: each id is checked, confirmed (unless -Force), deleted, and a failure is
/// reported for that id alone (a malformed id included), a conflict in words that say why the item cannot go.
/// </summary>
internal static class Removal
{
    public static void RemoveEach(AdsumoApiCmdlet cmdlet, string[] ids, bool force, string what,
        Func<AdsumoClient, string, CallContext, Task> delete, Func<string, string> whyInUse)
    {
        foreach (var id in ids)
        {
            try
            {
                var checkedId = Input.Id(id, "Id", what + " id");
                if (!cmdlet.ShouldProceed(force, checkedId, "Delete " + what)) continue;
                var client = cmdlet.Client;
                try
                {
                    cmdlet.Pump.Run(call => delete(client, checkedId, call));
                }
                catch (AdsumoException e) when (e.Kind == AdsumoErrorKind.Conflict)
                {
                    cmdlet.WriteFailure(e, id, whyInUse(checkedId));
                }
            }
            catch (Exception e) when (e is AdsumoException or AdsumoInputException)
            {
                cmdlet.WriteFailure(e, id);
            }
        }
    }
}
