using System.IO;
using System.Text;

namespace Adsumo.Client.Tests.Downloads;

/// <summary>The temporary file beside a download never has a name longer than a file system allows.</summary>
public sealed class TemporaryNameTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(237)]
    [InlineData(250)]
    [InlineData(255)]
    public void The_partial_name_fits_in_255_bytes_and_stays_beside_the_destination(int length)
    {
        var destination = Path.Combine(Path.GetTempPath(), "ads", new string('n', length - 4) + ".png");

        var temporary = ResultDownloader.TemporaryPath(destination);

        Assert.InRange(Encoding.UTF8.GetByteCount(Path.GetFileName(temporary)), 1, 255);
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(destination)), Path.GetDirectoryName(temporary));
        Assert.EndsWith(".partial", temporary, System.StringComparison.Ordinal);
        Assert.StartsWith(".", Path.GetFileName(temporary), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_of_multi_byte_characters_is_cut_on_a_character_boundary()
    {
        var destination = Path.Combine(Path.GetTempPath(), new string('é', 120) + "😀.png");

        var name = Path.GetFileName(ResultDownloader.TemporaryPath(destination));

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, 255);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)));
    }
}
