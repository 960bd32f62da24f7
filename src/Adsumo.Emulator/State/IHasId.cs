using System;

namespace Adsumo.Emulator.State;

internal interface IHasId
{
    Guid Id { get; }
}
