using System;
using System.IO;
using System.Text;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>File names made from a generation's id and type, which come from the service: always a plain name in the folder.</summary>
public sealed class FileNameTests : IDisposable
{
    private const string Id = "44444444-4444-4444-8444-444444444444";
    private static readonly Uri Mp4 = new("https://files.example/x/result.mp4?sig=1");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("image", "image")]
    [InlineData("ai-video", "ai-video")]
    [InlineData("../../../escaped", "escaped")]
    [InlineData(@"..\..\escaped", "escaped")]
    [InlineData("/etc/passwd", "etc-passwd")]
    [InlineData("\u001b[2Jima\u202Ege\u0007", "2jima-ge")]
    [InlineData("Talking Avatar!", "talking-avatar")]
    [InlineData("CON", "con")]
    [InlineData("视频", "generation")]
    [InlineData("../..", "generation")]
    [InlineData("", "generation")]
    [InlineData(null, "generation")]
    public void A_type_is_reduced_to_letters_digits_and_dashes(string? type, string expected)
    {
        Assert.Equal(expected, FileNames.Reduce(type, "generation", FileNames.MaxTypeLength));
    }

    [Fact]
    public void A_long_type_is_cut()
    {
        Assert.Equal(new string('t', FileNames.MaxTypeLength), FileNames.Reduce(new string('t', 10_000), "generation", FileNames.MaxTypeLength));
    }

    [Theory]
    [InlineData("image", "https://f.example/a/r.PNG", "image-" + Id + ".png")]
    [InlineData("image", "https://f.example/a/r", "image-" + Id + ".png")]
    [InlineData("ai-video", "https://f.example/a/r.exe", "ai-video-" + Id + ".mp4")]
    [InlineData("hologram", "https://f.example/a/r", "hologram-" + Id + ".bin")]
    [InlineData("../../../escaped", "https://f.example/a/r.mp4", "escaped-" + Id + ".mp4")]
    public void A_generation_is_saved_as_type_id_extension_directly_in_the_folder(string type, string url, string expected)
    {
        var path = FileNames.ForGeneration(_folder.Path, Id, type, new Uri(url));

        Assert.Equal(Path.Combine(_folder.Path, expected), path);
        Assert.Equal(_folder.Path, Path.GetDirectoryName(path));
    }

    [Theory]
    [InlineData("x/../../../escaped")]
    [InlineData("../escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("44444444-4444-4444-8444-444444444444/..")]
    public void An_id_that_is_not_a_uuid_is_never_part_of_a_name(string id)
    {
        Assert.Equal(ErrorReason.InvalidId, Assert.Throws<AdsumoInputException>(() => FileNames.ForGeneration(_folder.Path, id, "image", Mp4)).Reason);
    }

    [Theory]
    [InlineData("../escaped.mp4")]
    [InlineData("a/b.mp4")]
    [InlineData(@"a\b.mp4")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("CON.mp4")]
    [InlineData("nul")]
    [InlineData("lpt1.png")]
    [InlineData("name.")]
    [InlineData("name ")]
    [InlineData("a\u001b[31m.mp4")]
    [InlineData("evil\u202Egnp.exe")]
    [InlineData("c:evil.mp4")]
    public void A_name_that_is_not_plain_is_refused_as_unsafe(string name)
    {
        var error = Assert.Throws<AdsumoInputException>(() => FileNames.Inside(_folder.Path, name));

        Assert.Equal(ErrorReason.UnsafeFileName, error.Reason);
        Assert.DoesNotMatch(@"[\p{Cc}\p{Cf}]", error.Message);
    }

    [Fact]
    public void A_name_longer_than_file_systems_allow_is_refused()
    {
        Assert.Equal(ErrorReason.UnsafeFileName, Assert.Throws<AdsumoInputException>(() => FileNames.Inside(_folder.Path, new string('n', 256))).Reason);
        Assert.Equal(Path.Combine(_folder.Path, new string('n', 255)), FileNames.Inside(_folder.Path, new string('n', 255)));
    }

    [Fact]
    public void A_plain_name_in_the_root_folder_is_accepted()
    {
        var root = Path.GetPathRoot(_folder.Path)!;

        Assert.Equal(Path.Combine(root, "image.png"), FileNames.Inside(root, "image.png"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(240)]
    [InlineData(255)]
    public void A_temporary_name_never_exceeds_the_limit_and_stays_beside_the_file(int length)
    {
        var destination = _folder.File(new string('n', length - 4) + ".mp4");

        var partial = FileNames.Partial(destination);

        Assert.Equal(_folder.Path, Path.GetDirectoryName(partial));
        Assert.StartsWith(".n", Path.GetFileName(partial), StringComparison.Ordinal);
        Assert.EndsWith(".partial", partial, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(Path.GetFileName(partial)), 1, FileNames.MaxNameLength);
        File.WriteAllText(partial, "a temporary file the file system takes");
    }

    [Fact]
    public void A_temporary_name_is_cut_between_characters_never_inside_one()
    {
        // 84 three-byte characters: 252 bytes, near the limit, so the temporary name must lose some of them.
        var destination = _folder.File(new string('视', 84));

        var name = Path.GetFileName(FileNames.Partial(destination));

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, FileNames.MaxNameLength);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)));
    }
}
