using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Http;

/// <summary>Turns every failure into the contract's error envelope.</summary>
internal static class ErrorHandlingMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteErrorAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteErrorAsync(context, error.StatusCode, "invalid_request",
                $"The request could not be read: {error.Message}");
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (mid-download, say): there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            // A bug in the emulator: worth a line on stderr even though normal logging is off.
            await Console.Error.WriteLineAsync($"Adsumo emulator: {context.Request.Method} {context.Request.Path}: {error}");
            await JsonResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal_error",
                $"The emulator failed: {error.GetType().Name}: {error.Message}");
        }
    }
}
