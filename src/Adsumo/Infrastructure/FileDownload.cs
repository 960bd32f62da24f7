using System;
using System.IO;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Downloads one result file for a cmdlet, with a progress bar of its bytes: the way Save-AdsumoGeneration and
/// New-AdsumoVoiceover -OutFile both save.
/// </summary>
internal static class FileDownload
{
    public static DownloadResult Run(AdsumoCmdlet cmdlet, AdsumoClient client, Uri url, string destination, bool overwrite, Func<CallContext, Task<Uri?>>? freshUrl)
    {
        var progress = new ProgressBar(cmdlet, $"Saving {Path.GetFileName(destination)}");
        var pump = cmdlet.Pump;
        var result = pump.Run(call => client.Downloads.DownloadAsync(url, destination, overwrite, freshUrl,
            p => pump.Post(() => progress.Update(Describe(p), p.Total is { } t && t > 0 ? (int)(100 * p.Received / t) : -1)), call));
        progress.Complete();
        return result;
    }

    private static string Describe(DownloadProgress p) =>
        p.Total is { } total ? $"{p.Received / 1024:N0} of {total / 1024:N0} KB" : $"{p.Received / 1024:N0} KB";
}
