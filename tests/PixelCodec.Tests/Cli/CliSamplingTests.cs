using System.Security.Cryptography;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// `sample` and `complete` as a user runs them: a seed gives the same PNG under every SIMD setting and
/// thread count (each setting in a child process, as <see cref="RuntimeSettingsTests"/> does), the
/// pixels are pinned, and bad arguments are one line, exit code 1 and no output file.
/// </summary>
public class CliSamplingTests
{
    private static string Hen => Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png");

    private static readonly string[] SampleArguments = ["sample", "-m", "rowlstm-h64", "--count", "2", "--size", "8x8", "--seed", "7"];
    private static readonly string[] CompleteArguments = ["complete", "-m", "pixelcnn-h64", "--keep-rows", "28", "--count", "2", "--seed", "7", "--temperature", "0.8", Hen];

    // SHA-256 of the grids' pixels. The PNG bytes are compared between settings, not pinned: they
    // depend on the zlib the runtime ships as well as on the pixels.
    private const string SamplePinned = "74f679c1a576b5aec3932b7f067fef69b2c1cfe7ba0d7f98523dcc4ddf85f917";
    private const string CompletePinned = "783309e62ad5bbdbf1b2611eedc9985ad1e0e1faa72dacb256adc4ced9611714";

    [Theory]
    [MemberData(nameof(RuntimeSettingsTests.Settings), MemberType = typeof(RuntimeSettingsTests))]
    public void ASeedGivesTheSamePngUnderEverySimdSettingAndThreadCount(string name, string setting)
    {
        using var folder = new TempFolder();
        var environment = setting.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };
        foreach ((string[] arguments, string pinned) in new[] { (SampleArguments, SamplePinned), (CompleteArguments, CompletePinned) })
        {
            byte[]? first = null;
            foreach (string threads in new[] { "1", "2" })
            {
                string output = folder.File($"{arguments[0]}-{threads}.png");
                CliResult result = CliProcess.Run([.. arguments, "--threads", threads, output], environment: environment);
                Assert.True(result.ExitCode == 0, $"{name}: {result.StandardError}");
                byte[] png = File.ReadAllBytes(output);
                string actual = Convert.ToHexStringLower(SHA256.HashData(ImageFile.Read(png).Pixels));
                Assert.True(actual == pinned, $"{name}, {arguments[0]} --threads {threads}: pinned {pinned}, got {actual}");
                first ??= png;
                Assert.Equal(first, png);
            }
        }
    }

    [Fact]
    public void SampleWritesAGridAndCompleteTheOriginalBesideItsCompletions()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, CliProcess.Run(["sample", "-m", "baseline", "--count", "10", "--size", "5x4", folder.File("grid.png")]).ExitCode);
        RasterImage grid = ImageFile.Read(File.ReadAllBytes(folder.File("grid.png")));
        Assert.Equal((8 * 5 + 7 * ImageGrid.Gap, 2 * 4 + ImageGrid.Gap), (grid.Width, grid.Height));

        CliResult complete = CliProcess.Run(["complete", "-m", "weighted", "-r", "20", "-n", "3", Hen, folder.File("done.png")]);
        Assert.True(complete.ExitCode == 0, complete.StandardError);
        RasterImage row = ImageFile.Read(File.ReadAllBytes(folder.File("done.png")));
        RasterImage hen = ImageFile.Read(File.ReadAllBytes(Hen));
        Assert.Equal((4 * 32 + 3 * ImageGrid.Gap, 32), (row.Width, row.Height));
        for (int cell = 0; cell < 4; cell++)
        {
            bool[] same = [.. Enumerable.Range(0, 32).Select(y => row.Row(y).Slice(cell * (32 + ImageGrid.Gap) * 3, 32 * 3).SequenceEqual(hen.Row(y)))];
            Assert.True(same[..20].All(s => s), $"cell {cell}: a kept row differs");
            Assert.Equal(cell == 0, same[20..].All(s => s));
        }
    }

    private static void AssertCleanFailure(TempFolder folder, string[] arguments, string expectedMessage, string output = "out.png")
    {
        string[] before = folder.Files();
        CliResult result = CliProcess.Run([.. arguments, folder.File(output)]);
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pixelcodec: error: ", line);
        Assert.Contains(expectedMessage, line);
        Assert.Equal(before, folder.Files());
    }

    [Fact]
    public void BadArgumentsAreOneLineAndLeaveNoOutput()
    {
        using var folder = new TempFolder();
        string rgba = folder.File("rgba.png");
        File.WriteAllBytes(rgba, PngWriter.Encode(SyntheticImages.Photo(4, 4, PixelFormat.Rgba)));
        AssertCleanFailure(folder, ["sample", "--count", "0"], "--count must be 1 to 64");
        AssertCleanFailure(folder, ["sample", "--count", "65"], "--count must be 1 to 64");
        AssertCleanFailure(folder, ["sample", "--size", "8by8"], "--size must be WIDTHxHEIGHT");
        AssertCleanFailure(folder, ["sample", "--size", "0x8"], "--size must be WIDTHxHEIGHT");
        AssertCleanFailure(folder, ["sample", "--temperature", "-1"], "--temperature must be 0");
        AssertCleanFailure(folder, ["sample", "--temperature", "0.001"], "--temperature must be 0");
        AssertCleanFailure(folder, ["sample", "--threads", "0"], "--threads must be at least 1");
        AssertCleanFailure(folder, ["sample", "-m", "nonsense"], "unknown model 'nonsense'");
        AssertCleanFailure(folder, ["complete", "--keep-rows", "33", Hen], "--keep-rows must be 0 to the image's height, 32, not 33");
        AssertCleanFailure(folder, ["complete", "--keep-rows", "4", rgba], "complete takes 8-bit RGB or grey images, not 8-bit Rgba");
        AssertCleanFailure(folder, ["complete", "--keep-rows", "4", folder.File("missing.png")], "does not exist");
        AssertCleanFailure(folder, ["complete", "--keep-rows", "4", "--count", "2", Hen], "the output folder", output: Path.Combine("no-such-folder", "out.png"));
        AssertCleanFailure(folder, ["sample"], "cannot tell the image format from the extension '.jpg'", output: "out.jpg");
    }
}
