using System.Xml.Linq;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Compare;

public class CompareCommandTests
{
    [Fact]
    public void ComparesVerifiesAndWritesReports()
    {
        using var folder = new TempFolder();
        string images = Path.Combine(folder.Path, "set");
        Directory.CreateDirectory(images);
        File.WriteAllBytes(Path.Combine(images, "rgb.png"), PngWriter.Encode(SyntheticImages.Photo(20, 10, PixelFormat.Rgb)));
        File.WriteAllBytes(Path.Combine(images, "alpha.png"), PngWriter.Encode(SyntheticImages.Photo(9, 9, PixelFormat.GreyAlpha)));
        using (var pgm = File.Create(Path.Combine(images, "grey.pgm")))
            Pnm.Write(SyntheticImages.Photo(7, 5, PixelFormat.Grey), pgm);
        string output = Path.Combine(folder.Path, "report");

        CliResult result = CliProcess.Run(["compare", images, "--no-peers", "--out", output, "-m", "baseline", "-m", "default"]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("PixelCodec", result.StandardOutputText);

        string[] rows = File.ReadAllLines(Path.Combine(output, "compare.csv"));
        Assert.Equal(1 + 3 * 3, rows.Length);
        Assert.All(rows.Skip(1), row => Assert.Contains(",yes,", row));
        Assert.Contains(rows, r => r.Contains("grey.pgm,7,5,1,PixelCodec baseline,"));
        Assert.Contains(rows, r => r.Contains("alpha.png,9,9,2,PNG (PixelCodec writer),"));
        Assert.Contains(rows, r => r.Contains($"rgb.png,20,10,3,PixelCodec {ModelChoice.DefaultBlend},"));
        Assert.Equal(1 + 2 * 3, File.ReadAllLines(Path.Combine(output, "summary.csv")).Length);
        XDocument.Load(Path.Combine(output, "chart.svg"));
        Assert.Contains("| PixelCodec baseline |", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void AnUnreadableImageFailsTheRunButTheOthersAreReported()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("good.png"), PngWriter.Encode(SyntheticImages.Photo(4, 4, PixelFormat.Rgb)));
        File.WriteAllText(folder.File("bad.png"), "not really a png");
        CliResult result = CliProcess.Run(["compare", folder.Path, "--no-peers"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.png: not a PNG or PNM image", result.StandardError);
        Assert.Contains("PixelCodec", result.StandardOutputText);
    }
}
