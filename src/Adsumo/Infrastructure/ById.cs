using System;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// The loop the Get cmdlets share for -Id: each id is checked, read and written; a failure (a malformed id, one not
/// found) is reported for that id alone and the others still come.
/// </summary>
internal static class ById
{
    public static void WriteEach<T>(AdsumoApiCmdlet cmdlet, string[] ids, string what, Func<AdsumoClient, string, CallContext, Task<T>> read)
    {
        foreach (var id in ids)
        {
            try
            {
                var checkedId = Input.Id(id, "Id", what + " id");
                var client = cmdlet.Client;
                cmdlet.WriteObject(cmdlet.Pump.Run(call => read(client, checkedId, call)));
            }
            catch (Exception e) when (e is AdsumoException or AdsumoInputException)
            {
                cmdlet.WriteFailure(e, id);
            }
        }
    }
}
