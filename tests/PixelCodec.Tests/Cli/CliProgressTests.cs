using System.Diagnostics;
using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// A long encode or decode shows a progress bar on a terminal and nothing extra in a pipe; the
/// library's progress counts every sub-pixel it codes.
/// </summary>
public class CliProgressTests
{
    [Fact]
    public void ADecodeOnATerminalShowsProgressAndInAPipeNothing()
    {
        using var folder = new TempFolder();
        var image = SyntheticImages.Photo(200, 150, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(image));
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("in.prnn")]).ExitCode);

        // script(1) gives the program a pseudo-terminal, as a person's shell would.
        string command = $"dotnet {Path.Combine(AppContext.BaseDirectory, "pixelcodec.dll")} decode {folder.File("in.prnn")} {folder.File("terminal.png")}";
        var start = new ProcessStartInfo("script", ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using (Process script = Process.Start(start)!)
        {
            string shown = script.StandardOutput.ReadToEnd();
            Assert.True(script.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.Equal(0, script.ExitCode);
            Assert.Contains("decoding in.prnn", shown);
            Assert.Contains("%", shown);
        }
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("terminal.png")))));

        CliResult piped = CliProcess.Run(["decode", folder.File("in.prnn"), folder.File("piped.png")]);
        Assert.Equal(0, piped.ExitCode);
        Assert.Empty(piped.StandardError);
    }

    public static TheoryData<string, int, int, int> Jobs() => new()
    {
        { "weighted", 0, 1, 8 },
        { "default", 7, 2, 8 },
        { "baseline", 5, 3, 16 },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void TheLibrarysProgressCountsEverySubpixel(string model, int tile, int threads, int bitDepth)
    {
        var image = SyntheticImages.Photo(19, 13, PixelFormat.Rgba);
        if (bitDepth == 16)
            image = new RasterImage(19, 13, PixelFormat.Rgba, [.. image.Pixels, .. image.Pixels], bitDepth: 16);
        var encoding = new CodingProgress();
        byte[] file = PrnnCodec.Encode(image, new EncodeOptions { Model = model, TileSize = tile, Threads = threads, Progress = encoding });
        long subpixels = 19L * 13 * 4 * (bitDepth / 8);
        Assert.Equal(subpixels, encoding.Total);
        Assert.Equal(encoding.Total, encoding.Done);

        var decoding = new CodingProgress();
        Assert.True(image.PixelsEqual(PrnnCodec.Decode(file, new DecodeOptions { Threads = threads, Progress = decoding })));
        Assert.Equal(subpixels, decoding.Total);
        Assert.Equal(decoding.Total, decoding.Done);
    }

    [Fact]
    public void AtHigherEffortEveryCandidateCounts()
    {
        var image = SyntheticImages.Photo(9, 7, PixelFormat.Rgb);
        var progress = new CodingProgress();
        PrnnCodec.Encode(image, new EncodeOptions { Effort = 2, Progress = progress });
        Assert.Equal(9L * 7 * 3 * (1 + ModelChoice.Alternatives(ModelChoice.Default, 2).Count), progress.Total);
        Assert.Equal(progress.Total, progress.Done);
    }
}
