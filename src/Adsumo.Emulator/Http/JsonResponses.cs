using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Http;

internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, ContentType, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? param = null) =>
        WriteAsync(context, status, new ErrorEnvelopeJson(new ErrorJson(code, message, param)), EmulatorJson.Wire.ErrorEnvelopeJson);

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteErrorAsync(context, error.Status, error.Code, error.Message, error.Param);

    public static void NoContent(HttpContext context) => context.Response.StatusCode = StatusCodes.Status204NoContent;
}
