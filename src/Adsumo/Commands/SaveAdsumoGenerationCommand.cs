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
/// Takes generation ids or objects from the pipeline. -Path is the folder to save into (the current folder unless
/// told), created when it does not exist, as Save-Module does; a dot in its name is part of the name
/// (-Path ./ads/2026.12.01 is a folder). Each file is named &lt;type&gt;-&lt;id&gt;&lt;extension&gt;, such as
/// image-550e8400-e29b-41d4-a716-446655440000.png: the id is the one asked for, the type is the service's reduced to
/// lower-case letters, digits and dashes (generation when it has none), and the extension is the result URL's when it
/// is a known media type (.png, .jpg, .jpeg, .webp, .gif, .mp4, .mov, .webm, .mp3, .wav, .m4a), else .png for images,
/// .mp4 for videos and .bin for anything else. Whatever the service answers, a file is never written outside the
/// folder. -OutFile saves one generation under a name of your choice instead.
/// Each file is streamed to a temporary name beside the target and renamed only when complete, so no partial file is
/// ever left, even when the download fails or is stopped. An existing file is kept unless -Force is given. An expired
/// or refused result URL is replaced by a fresh one from the service; only absolute http and https URLs are fetched,
/// and the API key is never sent to the file's host. Shows download progress and writes a FileInfo per file, with a
/// GenerationId property naming the generation it holds. A problem with one generation (still processing:
/// Adsumo.GenerationNotReady; failed: Adsumo.GenerationFailed; a file that exists: Adsumo.FileExists) is that
/// generation's error and the others are still saved; a -Path or -OutFile that cannot be used ends the command.
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status completed -Type image | Save-AdsumoGeneration -Path ./images</code>
/// <para>Saves every completed image into ./images, creating the folder if needed.</para>
/// </example>
/// <example>
/// <code>Save-AdsumoGeneration -Id 550e8400-e29b-41d4-a716-446655440000 -OutFile ./hero.mp4 -Force</code>
/// <para>Saves one video under a chosen name, replacing an older copy.</para>
/// </example>
[Cmdlet(VerbsData.Save, "AdsumoGeneration", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class SaveAdsumoGenerationCommand : GenerationInputCmdlet
{
    private static readonly string[] MediaExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".mp4", ".mov", ".webm", ".mp3", ".wav", ".m4a"];
    private const int MaxTypeInName = 40;
    private string _folder = "";
    private string? _outFile;
    private bool _folderReady;
    private int _saved;

    /// <summary>The folder to save into, created when missing; the current folder unless told.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>A file name for a single generation, instead of a folder and the names Save chooses.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrites files that already exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void Begin()
    {
        if (OutFile is not null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Path)))
                throw new AdsumoInputException(ErrorReason.ConflictingParameters, nameof(OutFile), "Give -Path (a folder) or -OutFile (one file), not both.");
            _outFile = FileSystemPaths.Resolve(this, OutFile, nameof(OutFile));
            if (Directory.Exists(_outFile))
                throw new AdsumoInputException(ErrorReason.PathIsFolder, nameof(OutFile), $"-OutFile '{_outFile}' is a folder; give it as -Path to save into it, or name a file.");
            var parent = System.IO.Path.GetDirectoryName(_outFile);
            if (parent is null || !Directory.Exists(parent))
                throw new AdsumoInputException(ErrorReason.FolderNotFound, nameof(OutFile), $"The folder of -OutFile, '{parent}', does not exist.");
            return;
        }
        _folder = System.IO.Path.GetFullPath(FileSystemPaths.Resolve(this, Path, nameof(Path)));
        if (File.Exists(_folder))
            throw new AdsumoInputException(ErrorReason.PathIsFile, nameof(Path), $"-Path '{_folder}' is a file; -Path is the folder to save into (use -OutFile to name one file).");
        _folderReady = Directory.Exists(_folder);
    }

    private protected override void Process() => ForEachGeneration(Save);

    private void Save(string id, Generation? known)
    {
        var client = Client;
        var generation = known is { ResultUrl: not null } && GenerationStates.IsCompleted(known.Status)
            ? known
            : Pump.Run(call => client.GetGenerationAsync(id, call));
        if (!string.Equals(generation.Id, id, StringComparison.OrdinalIgnoreCase))
            throw new AdsumoException(AdsumoErrorKind.InvalidResponse, $"Asked for generation {id}, the service answered with generation {SafeText.Line(generation.Id, 80)}; nothing was saved.");
        if (GenerationStates.IsFailed(generation.Status))
            throw new AdsumoException(AdsumoErrorKind.GenerationFailed, GenerationStates.DescribeFailure(id, generation) + " (so there is no file to save)");
        if (!GenerationStates.IsCompleted(generation.Status))
        {
            var status = SafeText.Line(generation.Status, 40);
            throw new AdsumoInputException(ErrorReason.GenerationNotReady, "Id", $"Generation {id} is still {(status.Length > 0 ? status : "processing")}; wait for it first: Wait-AdsumoGeneration -Id {id} | Save-AdsumoGeneration");
        }
        var url = ResultUrl.Parse(generation.ResultUrl, $"Generation {id}");

        var destination = Destination(id, generation.Type, url);
        // A folder that does not exist yet holds no file to refuse; it is made below, once ShouldProcess agrees.
        if (_outFile is not null || _folderReady) ResultDownloader.CheckDestination(destination, Force);
        if (!ShouldProcess(destination, $"Save generation {id}")) return;
        EnsureFolder();

        var result = FileDownload.Run(this, client, url, destination, Force,
            async refresh => ResultUrl.Parse((await client.GetGenerationAsync(id, refresh).ConfigureAwait(false)).ResultUrl, $"Generation {id}"));
        _saved++;
        var file = new PSObject(new FileInfo(result.Path));
        file.Properties.Add(new PSNoteProperty("GenerationId", id));
        WriteObject(file);
    }

    private string Destination(string id, string? type, Uri url)
    {
        if (_outFile is not null)
        {
            if (_saved > 0) throw new AdsumoInputException(ErrorReason.PathIsFile, nameof(OutFile), $"-OutFile names one file ({_outFile}), so it takes one generation; give a folder as -Path to save several.");
            return _outFile;
        }
        var extension = System.IO.Path.GetExtension(url.AbsolutePath).ToLowerInvariant();
        if (!MediaExtensions.Contains(extension)) extension = type switch
        {
            "image" => ".png",
            "talking-avatar" or "ai-video" => ".mp4",
            _ => ".bin",
        };
        var destination = System.IO.Path.GetFullPath(System.IO.Path.Combine(_folder, $"{SafeTypeName(type)}-{id}{extension}"));
        // The id is a checked UUID and the type is reduced to letters, digits and dashes, so this holds; it is proven
        // all the same, because the name is made from what the service said.
        if (!string.Equals(System.IO.Path.GetDirectoryName(destination), _folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar), StringComparison.Ordinal))
            throw new AdsumoInputException(ErrorReason.UnsafeFileName, nameof(Path), $"The file name for generation {id} would not lie inside {_folder}; nothing was saved.");
        return destination;
    }

    /// <summary>The generation's type as a file-name part: lower-case letters, digits and dashes only, bounded.</summary>
    private static string SafeTypeName(string? type)
    {
        var kept = new string((type ?? "").ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-').Take(MaxTypeInName).ToArray()).Trim('-');
        return kept.Length == 0 ? "generation" : kept;
    }

    private void EnsureFolder()
    {
        if (_outFile is not null || _folderReady) return;
        try
        {
            Directory.CreateDirectory(_folder);
            _folderReady = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // The folder is the whole command's: no generation can be saved without it.
            ThrowFailure(new AdsumoException(AdsumoErrorKind.FileWriteFailed, $"Could not create the folder '{_folder}' for -Path: {SafeText.Line(e.Message, 200)}", e), Path);
        }
    }
}
