using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    public PagedQuery<Product> ListProducts(ulong skip, ulong first) =>
        Paged("products", new List<KeyValuePair<string, string?>>(), ModelReader.Product, p => p.Id, skip, first);

    public Task<Product> GetProductAsync(string id, CallContext call) =>
        ReadOneAsync(ApiRequest.Get("products/" + Input.Id(id, "Id", "product id")), ModelReader.Product, call);

    public Task<Product> CreateProductAsync(ProductDraft draft, CallContext call)
    {
        draft.Validate();
        return ReadOneAsync(ApiRequest.Create("products", draft.ToJson()), ModelReader.Product, call);
    }

    public Task DeleteProductAsync(string id, CallContext call) => DeleteAsync("products/" + Input.Id(id, "Id", "product id"), call);
}
