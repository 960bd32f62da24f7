using System;
using System.IO;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Client.Http;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Downloads the files of completed generations.
/// </summary>
/// <remarks>
/// Takes generation ids or objects from the pipeline. -Path is always a folder (the current one by default), created
/// when it does not exist yet, as with Save-Module and Save-PSResource: a name with dots such as ./ads/2026.12.01 is a
/// folder too. Each file in it is named &lt;type&gt;-&lt;id&gt;&lt;extension&gt;, such as image-&lt;id&gt;.png or
/// ai-video-&lt;id&gt;.mp4: the id is the one asked for (a UUID; an answer about another id is refused), the type is the
/// service's reduced to lower-case letters, digits and dashes (at most 40; "generation" when none is left), and the
/// extension is the result URL's when it is a known media type (.png .jpg .jpeg .webp .gif .mp4 .mov .webm .mp3 .wav
/// .m4a), else .png for images, .mp4 for videos and .bin otherwise. Whatever the service sends, the file lies in the
/// folder: a name that would not is an Adsumo.UnsafeFileName error and nothing is written. -OutFile names one file
/// instead, for a single generation; a second generation for the same -OutFile is that generation's
/// Adsumo.PathIsFile error. Relative paths are relative to the current file-system location.
/// Each file is streamed to a temporary name beside the target and renamed only when complete and of the announced
/// size, so no partial file is ever left, even when the download fails or is stopped. An existing file is kept
/// unless -Force is given. An expired or refused result URL is replaced by a fresh one from the service; only
/// absolute http and https URLs are downloaded. The API key is never sent to the file's host. Shows download
/// progress and writes a FileInfo per file, with a GenerationId property naming the generation it holds.
/// A problem with one generation (a malformed id, one not found, failed or still processing) is that generation's
/// non-terminating error, and the others are saved. A -Path or -OutFile that cannot be used (an existing file as
/// -Path, a folder that cannot be created or written) ends the command.
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status completed -Type image | Save-AdsumoGeneration -Path ./images</code>
/// <para>Saves every completed image into ./images, created if needed.</para>
/// </example>
/// <example>
/// <code>Save-AdsumoGeneration -Id 550e8400-e29b-41d4-a716-446655440000 -OutFile ./hero.mp4 -Force</code>
/// <para>Saves one video under a chosen name, replacing an older copy.</para>
/// </example>
/// <example>
/// <code>Get-Content ids.txt | Save-AdsumoGeneration -Path ./ads/2026.12.01 | Select-Object GenerationId, FullName</code>
/// <para>Saves into a dated folder and lists which file holds which generation.</para>
/// </example>
[Cmdlet(VerbsData.Save, "AdsumoGeneration", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class SaveAdsumoGenerationCommand : GenerationInputCmdlet
{
    private string _folder = "";
    private string? _file;
    private int _saved;

    /// <summary>
    /// The folder to save into, created when missing (default: the current folder). Always a folder, whatever its
    /// name: use -OutFile to name a file.
    /// </summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>The file to save a single generation as, instead of a folder. Its folder must exist.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrites files that already exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // The destination is checked once, before any generation: a bad one makes the whole command meaningless.
    private protected override void Begin()
    {
        if (OutFile is not null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Path)))
                throw new AdsumoInputException(ErrorReason.ConflictingParameters, nameof(OutFile), "Give -Path (a folder) or -OutFile (one file), not both.");
            _file = FileSystemPaths.Resolve(this, OutFile, nameof(OutFile));
            if (Directory.Exists(_file))
                throw new AdsumoInputException(ErrorReason.PathIsFolder, nameof(OutFile), $"-OutFile '{_file}' is a folder; give it as -Path to save under the default file names.");
            if (FileNames.IsTooLong(System.IO.Path.GetFileName(_file)))
                throw new AdsumoInputException(ErrorReason.InvalidFilePath, nameof(OutFile), $"The name of -OutFile is longer than the {FileNames.MaxNameLength} a file name may have.");
            _folder = System.IO.Path.GetDirectoryName(_file)!;
            if (!Directory.Exists(_folder))
                throw new AdsumoInputException(ErrorReason.FolderNotFound, nameof(OutFile), $"The folder of -OutFile, '{_folder}', does not exist.");
            return;
        }
        _folder = FileSystemPaths.Resolve(this, Path, nameof(Path));
        if (FileSystemPaths.FileAlong(_folder) is { } file)
        {
            throw new AdsumoInputException(ErrorReason.PathIsFile, nameof(Path), file == System.IO.Path.GetFullPath(_folder)
                ? $"-Path '{_folder}' is a file, and -Path is always a folder: give -OutFile to save one generation under a name of your own."
                : $"-Path '{_folder}' cannot be a folder: '{file}' is a file.");
        }
    }

    private protected override void Process() => ForEachGeneration(Save);

    private void Save(string id, Generation? known)
    {
        var client = Client;
        var generation = known is { ResultUrl: not null } && GenerationStates.IsCompleted(known.Status)
            ? known
            : Pump.Run(call => client.GetGenerationAsync(id, call));
        if (!GenerationStates.IsAbout(id, generation)) throw GenerationStates.OtherGeneration(id, generation);
        if (GenerationStates.IsFailed(generation.Status)) throw GenerationStates.Failure(id, generation, ", so there is no file to save");
        if (!GenerationStates.IsCompleted(generation.Status)) throw GenerationStates.NotReady(id, generation);
        var url = ResultDownloader.HttpUrl(generation.ResultUrl, $"generation {id}");

        var destination = Destination(id, generation, url);
        // A folder that does not exist yet holds no file to refuse; it is made below, once ShouldProcess agrees.
        if (Directory.Exists(_folder)) ResultDownloader.CheckDestination(destination, Force);
        if (!ShouldProcess(destination, $"Save generation {id}")) return;
        MakeFolder();

        DownloadResult result;
        try
        {
            result = FileDownload.Save(this, url, destination, Force, async call =>
            {
                var fresh = await client.GetGenerationAsync(id, call).ConfigureAwait(false);
                return GenerationStates.IsAbout(id, fresh) ? fresh.ResultUrl : throw GenerationStates.OtherGeneration(id, fresh);
            });
        }
        catch (AdsumoException e) when (e.Kind == AdsumoErrorKind.WriteFailed)
        {
            // The folder takes no file (full, read-only, no permission): every other generation would fail the same way.
            ThrowFailure(e, known ?? (object)id);
            return;
        }
        _saved++;
        WriteObject(SavedFile(result.Path, id));
    }

    /// <summary>
    /// Where a generation is saved: the -OutFile, once; else its own name in the -Path folder, made from what the
    /// service sent and proven to lie in that folder. The one place that decides it.
    /// </summary>
    private string Destination(string id, Generation generation, Uri url)
    {
        if (_file is null) return FileNames.ForGeneration(_folder, id, generation.Type, url);
        if (_saved > 0)
            throw new AdsumoInputException(ErrorReason.PathIsFile, nameof(OutFile), $"-OutFile names one file ({_file}), so it takes one generation; give -Path, a folder, to save several.");
        return _file;
    }

    private void MakeFolder()
    {
        if (Directory.Exists(_folder)) return;
        try
        {
            Directory.CreateDirectory(_folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowFailure(new AdsumoException(AdsumoErrorKind.WriteFailed, $"Could not create the folder '{_folder}' for -Path: {Sanitize.Text(e.Message, 200)}", e), Path);
        }
    }

    // A FileInfo as Get-Item gives it, which also says which generation the file holds.
    private static PSObject SavedFile(string path, string id)
    {
        var file = PSObject.AsPSObject(new FileInfo(path));
        file.Properties.Add(new PSNoteProperty("GenerationId", id));
        return file;
    }
}
