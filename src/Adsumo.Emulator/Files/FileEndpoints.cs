using System;
using System.Threading.Tasks;
using Adsumo.Emulator.Catalog;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Files;

/// <summary>
/// The emulator's stand-in for a storage service. Like a presigned storage URL, it wants no API key and refuses a
/// request that carries one: a client must not send its key to a file host.
/// </summary>
internal sealed class FileEndpoints(EmulatorRuntime runtime)
{
    /// <summary>Avatar thumbnails and voice previews are small and permanent.</summary>
    public const long PermanentFileBytes = 16 * 1024;

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/_files/generations/{file}", GetOrHead, Generation);
        routes.MapMethods("/_files/voiceovers/{file}", GetOrHead, Voiceover);
        routes.MapMethods("/_files/avatars/{file}", GetOrHead, AvatarThumbnail);
        routes.MapMethods("/_files/voices/{file}", GetOrHead, VoicePreview);
    }

    private Task Generation(HttpContext context)
    {
        RefuseAuthorization(context);
        if (!TryParseName(context, out var name, out var extension)
            || !Guid.TryParseExact(name, "D", out var id)
            || !runtime.Teams.TryFindGeneration(id, out var generation))
            throw NotFound();
        runtime.Lifecycle.SettleIfDue(generation, runtime.Clock.GetUtcNow());
        if (generation.Status != GenerationStatuses.Completed || extension != GenerationTypes.FileExtension(generation.Type))
            throw NotFound();
        CheckSignature(context);
        return FileBodies.WriteAsync(context, generation.Type == GenerationTypes.Image ? FileKind.Png : FileKind.Mp4,
            runtime.Settings.Current.ResultBytes);
    }

    private Task Voiceover(HttpContext context)
    {
        RefuseAuthorization(context);
        if (!TryParseName(context, out var name, out var extension) || extension != "mp3"
            || !Guid.TryParseExact(name, "D", out var id) || !runtime.Teams.TryFindVoiceover(id, out _))
            throw NotFound();
        CheckSignature(context);
        return FileBodies.WriteAsync(context, FileKind.Mp3, runtime.Settings.Current.ResultBytes);
    }

    private static Task AvatarThumbnail(HttpContext context)
    {
        RefuseAuthorization(context);
        if (!TryParseName(context, out var name, out var extension) || extension != "png"
            || !Guid.TryParseExact(name, "D", out var id) || !PlatformAvatars.Contains(id))
            throw NotFound();
        return FileBodies.WriteAsync(context, FileKind.Png, PermanentFileBytes);
    }

    private static Task VoicePreview(HttpContext context)
    {
        RefuseAuthorization(context);
        if (!TryParseName(context, out var name, out var extension) || extension != "mp3" || !Voices.TryGet(name, out _))
            throw NotFound();
        return FileBodies.WriteAsync(context, FileKind.Mp3, PermanentFileBytes);
    }

    private void CheckSignature(HttpContext context)
    {
        var query = context.Request.Query;
        var check = runtime.Urls.Check(context.Request.Path.Value ?? "", query["expires"], query["signature"]);
        if (check == UrlCheck.BadSignature)
            throw ApiErrors.Forbidden("The signature of this URL is missing or does not match.");
        if (check == UrlCheck.Expired)
            throw ApiErrors.Forbidden("This URL has expired: read the generation again for a fresh one.");
    }

    private static void RefuseAuthorization(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("Authorization"))
            throw ApiErrors.Invalid(null,
                "File URLs are presigned: send them without an Authorization header (do not send your API key to a file host).");
    }

    private static bool TryParseName(HttpContext context, out string name, out string extension)
    {
        var file = context.Request.RouteValues["file"] as string ?? "";
        var dot = file.LastIndexOf('.');
        name = dot > 0 ? file[..dot] : "";
        extension = dot > 0 ? file[(dot + 1)..] : "";
        return dot > 0;
    }

    private static ApiException NotFound() => ApiErrors.NotFound("No such file.");
}
