using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    public Task<CreditBalance> GetCreditsAsync(CallContext call) =>
        ReadOneAsync(ApiRequest.Get("account/credits"), ModelReader.Credits, call);
}
