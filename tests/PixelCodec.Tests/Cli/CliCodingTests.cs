using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

public class CliCodingTests
{
    private static byte[] Png(RasterImage image)
    {
        using var stream = new MemoryStream();
        PngWriter.Write(image, stream);
        return stream.ToArray();
    }

    [Fact]
    public void EncodeDecodeAndInfoThroughFiles()
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo(40, 30, PixelFormat.Rgba);
        File.WriteAllBytes(folder.File("in.png"), Png(image));

        CliResult encode = CliProcess.Run(["encode", folder.File("in.png"), folder.File("out.prnn")]);
        Assert.True(encode.ExitCode == 0, encode.StandardError);
        Assert.Contains("bits/sub-pixel", encode.StandardError);

        CliResult decode = CliProcess.Run(["decode", folder.File("out.prnn"), folder.File("back.png")]);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));

        CliResult info = CliProcess.Run(["info", folder.File("out.prnn")]);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("40x30 Rgba", info.StandardOutputText);
        Assert.Contains("baseline", info.StandardOutputText);
        Assert.Equal(["back.png", "in.png", "out.prnn"], folder.Files().Order());
    }

    [Fact]
    public void AHigherEffortKeepsTheSmallestFileAndItDecodes()
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo(24, 20, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.png"), Png(image));
        foreach (string effort in new[] { "1", "2" })
        {
            CliResult encode = CliProcess.Run(["encode", folder.File("in.png"), folder.File($"e{effort}.prnn"), "--effort", effort]);
            Assert.True(encode.ExitCode == 0, encode.StandardError);
            CliResult decode = CliProcess.Run(["decode", folder.File($"e{effort}.prnn"), folder.File($"e{effort}.png")]);
            Assert.True(decode.ExitCode == 0, decode.StandardError);
            Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File($"e{effort}.png")))));
        }
        long fast = new FileInfo(folder.File("e1.prnn")).Length, thorough = new FileInfo(folder.File("e2.prnn")).Length;
        Assert.True(thorough <= fast, $"effort 2 gave {thorough} bytes, effort 1 {fast}");
        foreach (string model in new[] { "weighted", "weighted+baseline", "rowlstm-h64+weighted", "weighted(rowlstm-h64)" })
        {
            CliResult alternative = CliProcess.Run(["encode", folder.File("in.png"), folder.File("alt.prnn"), "-m", model]);
            Assert.True(alternative.ExitCode == 0, alternative.StandardError);
            Assert.True(thorough <= new FileInfo(folder.File("alt.prnn")).Length, $"effort 2 is larger than {model} alone");
        }
        CliResult refused = CliProcess.Run(["encode", folder.File("in.png"), folder.File("x.prnn"), "--effort", "3"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--effort must be 1 to 2", refused.StandardError);
        Assert.False(File.Exists(folder.File("x.prnn")));
    }

    [Fact]
    public void StandardInputAndOutput()
    {
        RasterImage image = SyntheticImages.Photo(17, 9, PixelFormat.Grey);
        CliResult encode = CliProcess.Run(["encode", "-", "-"], Png(image));
        Assert.True(encode.ExitCode == 0, encode.StandardError);
        CliResult decode = CliProcess.Run(["decode", "-", "-", "--format", "pnm"], encode.StandardOutput);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.StartsWith("P5", decode.StandardOutputText);
        Assert.True(image.PixelsEqual(ImageFile.Read(decode.StandardOutput)));
    }

    [Fact]
    public void TiledEncodingDecodesToTheSamePixels()
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo(50, 37, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.png"), Png(image));
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("t.prnn"), "--tile", "16", "--threads", "2"]).ExitCode);
        Assert.Contains("12 of 16x16", CliProcess.Run(["info", folder.File("t.prnn")]).StandardOutputText);
        Assert.Equal(0, CliProcess.Run(["decode", folder.File("t.prnn"), folder.File("t.ppm")]).ExitCode);
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("t.ppm")))));
    }
}
