using System;

namespace Adsumo.Emulator.Http;

/// <summary>
/// An error answer in the contract's envelope. Thrown rather than returned so that validation reads top to bottom;
/// errors are not the hot path.
/// </summary>
internal sealed class ApiException(int status, string code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Param { get; } = param;
}
