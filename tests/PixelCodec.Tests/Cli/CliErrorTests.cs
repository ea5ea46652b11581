using PixelCodec.Imaging;
using PixelCodec.Tests.Container;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>Bad input gets one clear line on stderr, a non-zero exit, and no output file.</summary>
public class CliErrorTests
{
    private static void AssertCleanFailure(CliResult result, string expectedMessage)
    {
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pixelcodec: error: ", line);
        Assert.Contains(expectedMessage, line);
        Assert.Empty(result.StandardOutput);
    }

    private static string EncodeSample(TempFolder folder)
    {
        using (var png = File.Create(folder.File("in.png")))
            PngWriter.Write(SyntheticImages.Photo(12, 10, PixelFormat.Rgb), png);
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("ok.prnn")]).ExitCode);
        return folder.File("ok.prnn");
    }

    [Theory]
    [InlineData("encode --threads abc in.png out.prnn", "Cannot parse argument 'abc' for option '--threads'")]
    [InlineData("encode --tile -3 in.png out.prnn", "--tile must be 0 or positive")]
    [InlineData("decode", "Required argument 'input' missing")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'")]
    public void UsageErrorsAreOneLineToo(string arguments, string expected)
    {
        CliResult result = CliProcess.Run(arguments.Split(' '));
        AssertCleanFailure(result, expected);
        Assert.Contains("--help)", result.StandardError);
    }

    [Fact]
    public void MissingInput()
    {
        using var folder = new TempFolder();
        AssertCleanFailure(CliProcess.Run(["encode", folder.File("nope.png"), folder.File("out.prnn")]), "does not exist");
        AssertCleanFailure(CliProcess.Run(["decode", folder.File("nope.prnn"), folder.File("out.png")]), "does not exist");
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void NotAnImage()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("notes.png"), "hello, this is text");
        AssertCleanFailure(CliProcess.Run(["encode", folder.File("notes.png"), folder.File("out.prnn")]), "not a PNG or PNM image");
        Assert.Equal(["notes.png"], folder.Files());
    }

    [Fact]
    public void CorruptFileLeavesAnExistingOutputUntouched()
    {
        using var folder = new TempFolder();
        byte[] file = File.ReadAllBytes(EncodeSample(folder));
        file[^3] ^= 0x10;
        File.WriteAllBytes(folder.File("bad.prnn"), file);
        File.WriteAllText(folder.File("existing.png"), "keep me");
        AssertCleanFailure(CliProcess.Run(["decode", folder.File("bad.prnn"), folder.File("existing.png")]), "checksum");
        Assert.Equal("keep me", File.ReadAllText(folder.File("existing.png")));
        Assert.Equal(["bad.prnn", "existing.png", "in.png", "ok.prnn"], folder.Files().Order());
    }

    [Fact]
    public void ADenseFirstReleaseFileNeedsToBeAllowed()
    {
        using var folder = new TempFolder();
        var black = SyntheticImages.Constant(200, 100, PixelFormat.Rgb, 0);
        File.WriteAllBytes(folder.File("black.prnn"), PrnnTestCodec.AsVersionOne(PrnnTestCodec.Encode(black)));
        AssertCleanFailure(CliProcess.Run(["decode", folder.File("black.prnn"), folder.File("back.png")]), "decode it with --allow-dense-v1");
        Assert.False(File.Exists(folder.File("back.png")));

        CliResult allowed = CliProcess.Run(["decode", "--allow-dense-v1", folder.File("black.prnn"), folder.File("back.png")]);
        Assert.True(allowed.ExitCode == 0, allowed.StandardError);
        Assert.True(black.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
    }

    [Fact]
    public void TruncatedFile()
    {
        using var folder = new TempFolder();
        byte[] file = File.ReadAllBytes(EncodeSample(folder));
        File.WriteAllBytes(folder.File("cut.prnn"), file[..(file.Length / 2)]);
        AssertCleanFailure(CliProcess.Run(["decode", folder.File("cut.prnn"), folder.File("out.png")]), "truncated");
        Assert.False(File.Exists(folder.File("out.png")));
    }

    [Fact]
    public void RefusesToOverwriteTheInput()
    {
        using var folder = new TempFolder();
        string prnn = EncodeSample(folder);
        byte[] before = File.ReadAllBytes(folder.File("in.png"));
        AssertCleanFailure(CliProcess.Run(["encode", folder.File("in.png"), folder.File("in.png")]), "refusing to overwrite the input");
        Assert.Equal(before, File.ReadAllBytes(folder.File("in.png")));
        AssertCleanFailure(CliProcess.Run(["decode", prnn, prnn, "--format", "png"]), "refusing to overwrite the input");
    }

    [Fact]
    public void UnknownModelAndUnknownOutputType()
    {
        using var folder = new TempFolder();
        string prnn = EncodeSample(folder);
        AssertCleanFailure(CliProcess.Run(["encode", folder.File("in.png"), folder.File("x.prnn"), "--model", "gpt"]), "unknown model 'gpt'");
        AssertCleanFailure(CliProcess.Run(["decode", prnn, folder.File("out.gif")]), ".gif");
        Assert.False(File.Exists(folder.File("x.prnn")));
        Assert.False(File.Exists(folder.File("out.gif")));
    }

    [Fact]
    public void AlphaCannotGoToPnm()
    {
        using var folder = new TempFolder();
        using (var png = File.Create(folder.File("a.png")))
            PngWriter.Write(SyntheticImages.Photo(5, 5, PixelFormat.Rgba), png);
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("a.png"), folder.File("a.prnn")]).ExitCode);
        CliResult result = CliProcess.Run(["decode", folder.File("a.prnn"), folder.File("a.ppm")]);
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(folder.File("a.ppm")));
        Assert.DoesNotContain(folder.Files(), f => f.EndsWith(".tmp"));
    }
}
