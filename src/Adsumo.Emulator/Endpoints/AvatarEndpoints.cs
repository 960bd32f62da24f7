using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Catalog;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

internal sealed class AvatarEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/avatars", ListPlatform);
        routes.MapGet("/api/v1/avatars/custom", ListCustom);
        routes.MapPost("/api/v1/avatars/custom", CreateCustomAsync);
        routes.MapDelete("/api/v1/avatars/custom/{id}", DeleteCustom);
    }

    public static string ThumbnailPath(Guid id) => $"/_files/avatars/{id:D}.png";

    private static Task ListPlatform(HttpContext context)
    {
        var root = ServerAddress.RootOf(context.Request);
        var data = PlatformAvatars.All
            .Select(a => new PlatformAvatarJson(a.Id, a.Name, root + ThumbnailPath(a.Id), a.Gender, a.AgeGroup, "platform"))
            .ToArray();
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new DataJson<PlatformAvatarJson>(data),
            EmulatorJson.Wire.DataJsonPlatformAvatarJson);
    }

    /// <summary>A bare array, no envelope: the docs say "an array", and clients must accept that shape.</summary>
    private static Task ListCustom(HttpContext context)
    {
        var team = context.Team();
        CustomAvatar[] all;
        lock (team.Sync) all = team.CustomAvatars.All();
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, Array.ConvertAll(all, CustomAvatarJson.From),
            EmulatorJson.Wire.CustomAvatarJsonArray);
    }

    private async Task CreateCustomAsync(HttpContext context)
    {
        var team = context.Team();
        CustomAvatar avatar;
        using (var body = await JsonBody.ReadAsync(context))
        {
            avatar = new CustomAvatar(
                Guid.NewGuid(),
                body.RequiredString("name", Limits.CustomAvatarName),
                body.RequiredHttpUrl("image_url"),
                body.OptionalString("description", Limits.Description),
                runtime.Clock.GetUtcNow());
        }
        lock (team.Sync) team.CustomAvatars.Add(avatar);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, CustomAvatarJson.From(avatar),
            EmulatorJson.Wire.CustomAvatarJson);
    }

    private static Task DeleteCustom(HttpContext context)
    {
        var id = PathIds.Read(context);
        var team = context.Team();
        lock (team.Sync)
        {
            if (!team.CustomAvatars.TryGet(id, out _)) throw ApiErrors.NotFound($"No custom avatar {id} in this team.");
            if (team.IsInUse(id))
                throw ApiErrors.Conflict($"Custom avatar {id} is used by video generations, so it cannot be deleted.");
            team.CustomAvatars.Remove(id);
        }
        JsonResponses.NoContent(context);
        return Task.CompletedTask;
    }
}
