using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>Generations, newest first as the service orders them, optionally of one type and status.</summary>
    public PagedQuery<Generation> ListGenerations(string? type, string? status, ulong skip, ulong first) =>
        Paged("generations", new List<KeyValuePair<string, string?>> { new("type", type), new("status", status) },
            ModelReader.Generation, g => g.Id, skip, first);

    public Task<Generation> GetGenerationAsync(string id, CallContext call) =>
        ReadOneAsync(ApiRequest.Get("generations/" + Input.Id(id, "Id", "generation id")), ModelReader.Generation, call);
}
