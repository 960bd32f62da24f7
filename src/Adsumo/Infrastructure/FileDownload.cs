using System;
using System.IO;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// A result file downloaded for a cmdlet (Save-AdsumoGeneration, New-AdsumoVoiceover -OutFile), with one progress
/// bar: kilobytes received, of the total when the file host announced one.
/// </summary>
internal static class FileDownload
{
    public static DownloadResult Save(AdsumoApiCmdlet cmdlet, Uri url, string destination, bool force, Func<CallContext, Task<string?>>? freshUrl)
    {
        var client = cmdlet.Client;
        var pump = cmdlet.Pump;
        var progress = new ProgressBar(cmdlet, $"Saving {Path.GetFileName(destination)}");
        var result = pump.Run(call => client.Downloads.DownloadAsync(url, destination, force, freshUrl,
            p => pump.Post(() => progress.Update(Describe(p), p.Total is { } t && t > 0 ? (int)(100 * p.Received / t) : -1)), call));
        progress.Complete();
        return result;
    }

    private static string Describe(DownloadProgress p) =>
        p.Total is { } total ? $"{p.Received / 1024:N0} of {total / 1024:N0} KB" : $"{p.Received / 1024:N0} KB";
}
