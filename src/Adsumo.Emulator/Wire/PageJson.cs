using System.Collections.Generic;

namespace Adsumo.Emulator.Wire;

internal sealed record PageJson<T>(IReadOnlyList<T> Data, PaginationJson Pagination);

internal sealed record PaginationJson(int Total, int Limit, int Offset);

internal sealed record DataJson<T>(IReadOnlyList<T> Data);
