using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Downloads the files of completed generations.
/// </summary>
/// <remarks>
/// Takes generation ids or objects from the pipeline. -Path is a folder (the default is the current one; a path
/// without an extension that does not exist yet is created as a folder), where each file is named after the
/// generation's type and id with the right extension (image-&lt;id&gt;.png, ai-video-&lt;id&gt;.mp4); or a file
/// name, for a single generation. Each file is streamed to a temporary name beside the target and renamed only when
/// complete and of the announced size, so no partial file is ever left, even when the download fails or is stopped.
/// An existing file is kept unless -Force is given. An expired or refused result URL is replaced by a fresh one
/// from the service. The API key is never sent to the file's host. Shows download progress and writes a FileInfo
/// per file. A generation still processing is an Adsumo.GenerationNotReady error: wait for it first with
/// Wait-AdsumoGeneration.
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status completed -Type image | Save-AdsumoGeneration -Path ./images</code>
/// <para>Saves every completed image into ./images.</para>
/// </example>
/// <example>
/// <code>Save-AdsumoGeneration -Id 550e8400-e29b-41d4-a716-446655440000 -Path ./hero.mp4 -Force</code>
/// <para>Saves one video under a chosen name, replacing an older copy.</para>
/// </example>
[Cmdlet(VerbsData.Save, "AdsumoGeneration", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class SaveAdsumoGenerationCommand : GenerationInputCmdlet
{
    private static readonly string[] MediaExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".mp4", ".mov", ".webm", ".mp3", ".wav", ".m4a"];
    private string _target = "";
    private bool _targetIsFile;
    private int _saved;

    /// <summary>A folder for the files (default: the current folder), or a file name for a single generation.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>Overwrites files that already exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void Begin()
    {
        _target = GetUnresolvedProviderPathFromPSPath(Path);
        var endsWithSeparator = Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
        _targetIsFile = !Directory.Exists(_target) && !endsWithSeparator && System.IO.Path.HasExtension(_target);
    }

    private protected override void Process()
    {
        foreach (var (id, known) in CurrentGenerations())
        {
            try
            {
                Save(id, known);
            }
            catch (AdsumoException e)
            {
                WriteFailure(e, id);
            }
            catch (AdsumoInputException e) when (e.Reason is ErrorReason.FileExists or ErrorReason.PathIsFile or ErrorReason.GenerationNotReady or ErrorReason.PathIsFolder)
            {
                WriteFailure(e, id);
            }
        }
    }

    private void Save(string id, Generation? known)
    {
        var client = Client;
        var generation = known is { ResultUrl: not null } && GenerationStates.IsCompleted(known.Status)
            ? known
            : Pump.Run(call => client.GetGenerationAsync(id, call));
        if (GenerationStates.IsFailed(generation.Status))
            throw new AdsumoException(AdsumoErrorKind.GenerationFailed, $"Generation {id} failed, so there is no file to save: {generation.ErrorMessage}");
        if (!GenerationStates.IsCompleted(generation.Status))
            throw new AdsumoInputException(ErrorReason.GenerationNotReady, "Id", $"Generation {id} is still {generation.Status ?? "processing"}; wait for it first: Wait-AdsumoGeneration -Id {id} | Save-AdsumoGeneration");
        if (string.IsNullOrEmpty(generation.ResultUrl) || !Uri.TryCreate(generation.ResultUrl, UriKind.Absolute, out var url))
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Generation {id} is completed but the service gave no usable result URL.");

        var destination = Destination(generation, url);
        // A folder that does not exist yet holds no file to refuse; it is made below, once ShouldProcess agrees.
        if (_targetIsFile || Directory.Exists(_target)) ResultDownloader.CheckDestination(destination, Force);
        if (!ShouldProcess(destination, $"Save generation {id}")) return;
        if (!_targetIsFile) Directory.CreateDirectory(_target);

        var progress = new ProgressBar(this, $"Saving {System.IO.Path.GetFileName(destination)}");
        var result = Pump.Run(call => client.Downloads.DownloadAsync(url, destination, Force,
            async refresh => (await client.GetGenerationAsync(id, refresh).ConfigureAwait(false)).ResultUrl,
            p => Pump.Post(() => progress.Update(Describe(p), p.Total is { } t && t > 0 ? (int)(100 * p.Received / t) : -1)),
            call));
        progress.Complete();
        _saved++;
        WriteObject(new FileInfo(result.Path));
    }

    private string Destination(Generation generation, Uri url)
    {
        if (_targetIsFile)
        {
            if (_saved > 0) throw new AdsumoInputException(ErrorReason.PathIsFile, nameof(Path), $"-Path names one file ({_target}), so it takes one generation; give a folder to save several.");
            return _target;
        }
        var extension = System.IO.Path.GetExtension(url.AbsolutePath).ToLowerInvariant();
        if (!MediaExtensions.Contains(extension)) extension = generation.Type switch
        {
            "image" => ".png",
            "talking-avatar" or "ai-video" => ".mp4",
            _ => ".bin",
        };
        var type = string.IsNullOrEmpty(generation.Type) ? "generation" : new string(generation.Type!.Where(c => char.IsLetterOrDigit(c) || c == '-').ToArray());
        return System.IO.Path.Combine(_target, $"{type}-{generation.Id}{extension}");
    }

    private static string Describe(DownloadProgress p) =>
        p.Total is { } total ? $"{p.Received / 1024:N0} of {total / 1024:N0} KB" : $"{p.Received / 1024:N0} KB";
}
