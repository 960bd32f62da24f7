namespace Adsumo.Emulator.Http;

/// <summary>The contract's error codes (section 5), one factory each.</summary>
internal static class ApiErrors
{
    public static ApiException Invalid(string? param, string message) => new(400, "invalid_request", message, param);

    public static ApiException Unauthorized(string message) => new(401, "unauthorized", message);

    public static ApiException Forbidden(string message) => new(403, "forbidden", message);

    public static ApiException NotFound(string message) => new(404, "not_found", message);

    public static ApiException Conflict(string message) => new(409, "conflict", message);

    public static ApiException InsufficientCredits(int price, int remaining) =>
        new(402, "insufficient_credits",
            $"This request costs {price} credits and the team has {remaining} left. Nothing was created or charged.");
}
