using System;

namespace Adsumo.Emulator.Hosting;

/// <summary>
/// The system clock moved by a fixed offset (--clock-offset-seconds): the emulator then stamps generations and
/// answers with a Date as a service whose clock differs from the client's machine would.
/// </summary>
internal sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
