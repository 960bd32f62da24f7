using System;
using System.Threading;

namespace Adsumo.Client.Http;

/// <summary>
/// The service's clock as this machine sees it: the offset between the Date header of the latest answer and the
/// local time it arrived. Reconciliation compares the service's timestamps with the moment a request was sent, so
/// a machine whose clock is minutes off still finds what its requests made. Without a Date header the local clock
/// is taken as the service's.
/// </summary>
internal sealed class ServiceClock
{
    // The Date header has whole seconds: the service's time at the answer lies within the second after it.
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private long _offsetTicks;

    /// <summary>The estimated offset: service time minus local time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Takes an answer's Date header into account.</summary>
    public void Observe(DateTimeOffset? serviceDate, DateTimeOffset receivedLocally)
    {
        if (serviceDate is not { } date) return;
        Interlocked.Exchange(ref _offsetTicks, (date + HalfSecond - receivedLocally).Ticks);
    }

    /// <summary>A local time on the service's clock.</summary>
    public DateTimeOffset ToService(DateTimeOffset local) => local + Offset;
}
