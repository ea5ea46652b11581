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
        Assert.Contains("wavefront", info.StandardOutputText);   // the default's Row LSTM codes the colour plane in one
        Assert.Equal(["back.png", "in.png", "out.prnn"], folder.Files().Order());
    }

    [Fact]
    public void AMultiScaleFileDecodesWholeOrAsItsPreviewFromAPrefixAndOtherFilesHaveNone()
    {
        using var folder = new TempFolder();
        RasterImage image = SyntheticImages.Photo(13, 9, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.png"), Png(image));
        string model = $"scales(weighted;{Path.Combine(RepoPaths.Root, "models", "experiments", "msrowlstm-h64", "model.pxim")})";

        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("ms.prnn"), "-m", model]).ExitCode);
        CliResult decode = CliProcess.Run(["decode", folder.File("ms.prnn"), folder.File("back.png"), "-m", model]);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));

        CliResult info = CliProcess.Run(["info", folder.File("ms.prnn")]);
        Assert.Contains("7x5, in the first", info.StandardOutputText);
        Assert.Matches(@"format version\s+│\s+4\s", info.StandardOutputText);

        byte[] file = File.ReadAllBytes(folder.File("ms.prnn"));
        File.WriteAllBytes(folder.File("prefix.prnn"), file[..(file.Length * 2 / 3)]);
        CliResult preview = CliProcess.Run(["decode", "--preview", folder.File("prefix.prnn"), folder.File("preview.png"), "-m", model]);
        Assert.True(preview.ExitCode == 0, preview.StandardError);
        RasterImage small = ImageFile.Read(File.ReadAllBytes(folder.File("preview.png")));
        Assert.Equal((7, 5), (small.Width, small.Height));
        Assert.Equal(PixelCodec.Modeling.Subsample.Of(image.Pixels, new(13, 9, 3)), small.Pixels);

        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("plain.prnn"), "-m", "weighted"]).ExitCode);
        CliResult none = CliProcess.Run(["decode", "--preview", folder.File("plain.prnn"), folder.File("none.png")]);
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("no preview", none.StandardError);
        Assert.False(File.Exists(folder.File("none.png")));
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

    [Fact]
    public void SixteenBitPngAndPnmRoundTripExactly()
    {
        using var folder = new TempFolder();
        RasterImage rgba = SyntheticImages.Photo16(21, 13, PixelFormat.Rgba);
        File.WriteAllBytes(folder.File("in.png"), Png(rgba));
        CliResult encode = CliProcess.Run(["encode", folder.File("in.png"), folder.File("out.prnn")]);
        Assert.True(encode.ExitCode == 0, encode.StandardError);
        Assert.Contains("21x13 Rgba 16-bit", encode.StandardError);
        Assert.Contains("Rgba, 16-bit", CliProcess.Run(["info", folder.File("out.prnn")]).StandardOutputText);
        Assert.Equal(0, CliProcess.Run(["decode", folder.File("out.prnn"), folder.File("back.png")]).ExitCode);
        byte[] back = File.ReadAllBytes(folder.File("back.png"));
        Assert.Equal(16, back[24]);
        Assert.True(rgba.PixelsEqual(ImageFile.Read(back)));

        RasterImage rgb = SyntheticImages.Photo16(9, 8, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.ppm"), Pnm(rgb));
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.ppm"), folder.File("rgb.prnn"), "-m", "weighted", "--tile", "4"]).ExitCode);
        Assert.Equal(0, CliProcess.Run(["decode", folder.File("rgb.prnn"), folder.File("back.ppm")]).ExitCode);
        Assert.Equal(File.ReadAllBytes(folder.File("in.ppm")), File.ReadAllBytes(folder.File("back.ppm")));
    }

    [Fact]
    public void AnAncillaryChunkWithABadCrcIsAWarningAndTheImageIsCoded()
    {
        using var folder = new TempFolder();
        byte[] png = File.ReadAllBytes(RepoPaths.Fixture("rgb8-split-idat-ancillary.png"));
        RasterImage clean = ImageFile.Read(png);
        png[49 + 8 + 3] ^= 1; // a byte of the tEXt chunk
        File.WriteAllBytes(folder.File("in.png"), png);

        CliResult encode = CliProcess.Run(["encode", folder.File("in.png"), folder.File("out.prnn"), "-m", "baseline"]);
        Assert.True(encode.ExitCode == 0, encode.StandardError);
        string warning = Assert.Single(encode.StandardError.Split('\n'), line => line.StartsWith("pixelcodec: warning:"));
        Assert.EndsWith("PNG chunk tEXt is corrupt (CRC mismatch) and was skipped", warning.TrimEnd());
        Assert.Equal(0, CliProcess.Run(["decode", folder.File("out.prnn"), folder.File("back.png")]).ExitCode);
        Assert.True(clean.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
    }

    private static byte[] Pnm(RasterImage image)
    {
        using var stream = new MemoryStream();
        ImageFile.Write(image, stream, ImageFileType.Pnm);
        return stream.ToArray();
    }
}
