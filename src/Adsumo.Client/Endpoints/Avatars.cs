using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    public Task<IReadOnlyList<Avatar>> ListPlatformAvatarsAsync(CallContext call) =>
        ReadAllAsync("avatars", e => ModelReader.Avatar(e, "platform"), a => a.Id, call);

    /// <summary>The team's custom avatars; the service answers a bare array or a {data:[...]} envelope.</summary>
    public Task<IReadOnlyList<Avatar>> ListCustomAvatarsAsync(CallContext call) =>
        ReadAllAsync("avatars/custom", e => ModelReader.Avatar(e, "custom"), a => a.Id, call);

    public Task<Avatar> CreateCustomAvatarAsync(AvatarDraft draft, CallContext call)
    {
        draft.Validate();
        return ReadOneAsync(ApiRequest.Create("avatars/custom", draft.ToJson()), e => ModelReader.Avatar(e, "custom"), call);
    }

    public Task DeleteCustomAvatarAsync(string id, CallContext call) => DeleteAsync("avatars/custom/" + Input.Id(id, "Id", "avatar id"), call);
}
