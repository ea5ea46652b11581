using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Tests.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>Model files named on the command line: coding with one, decoding needs the same one, damage is one clear line.</summary>
public class CliModelFileTests
{
    [Fact]
    public void AFileCodedWithAModelFileDecodesOnlyWhenThatModelIsGiven()
    {
        using var folder = new TempFolder();
        RasterImage image = WriteImageAndModel(folder, 11, 9);

        Assert.Equal(0, CliProcess.Run(["encode", "-m", folder.File("mine.pxim"), folder.File("in.png"), folder.File("out.prnn")]).ExitCode);

        CliResult withoutModel = CliProcess.Run(["decode", folder.File("out.prnn"), folder.File("back.png")]);
        Assert.Equal(1, withoutModel.ExitCode);
        Assert.Contains("which is not loaded", withoutModel.StandardError);
        Assert.False(File.Exists(folder.File("back.png")));

        CliResult withModel = CliProcess.Run(["decode", "-m", folder.File("mine.pxim"), folder.File("out.prnn"), folder.File("back.png")]);
        Assert.True(withModel.ExitCode == 0, withModel.StandardError);
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
    }

    [Fact]
    public void AModelFileBlendedWithTheBaselineIsAModelOfItsOwn()
    {
        using var folder = new TempFolder();
        RasterImage image = WriteImageAndModel(folder, 12, 7);
        string blend = folder.File("mine.pxim") + "+baseline";

        Assert.Equal(0, CliProcess.Run(["encode", "-m", blend, folder.File("in.png"), folder.File("out.prnn")]).ExitCode);

        CliResult withTheModelAlone = CliProcess.Run(["decode", "-m", folder.File("mine.pxim"), folder.File("out.prnn"), folder.File("back.png")]);
        Assert.Equal(1, withTheModelAlone.ExitCode);
        Assert.Contains("which is not loaded", withTheModelAlone.StandardError);

        CliResult withTheBlend = CliProcess.Run(["decode", "-m", blend, folder.File("out.prnn"), folder.File("back.png")]);
        Assert.True(withTheBlend.ExitCode == 0, withTheBlend.StandardError);
        Assert.True(image.PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
    }

    [Fact]
    public void ADamagedModelFileIsOneClearLine()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(SyntheticImages.Photo(5, 5, PixelFormat.Rgb)));
        byte[] model = IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.PixelCnn, 6, 1, 9, seed: 9));
        File.WriteAllBytes(folder.File("cut.pxim"), model[..(model.Length / 2)]);
        File.WriteAllBytes(folder.File("text.pxim"), "not a model"u8.ToArray());
        foreach ((string file, string message) in new[] { ("cut.pxim", "truncated"), ("text.pxim", "not a PixelCodec integer model") })
        {
            CliResult result = CliProcess.Run(["encode", "-m", folder.File(file), folder.File("in.png"), folder.File("out.prnn")]);
            Assert.Equal(1, result.ExitCode);
            string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(message, line);
            Assert.False(File.Exists(folder.File("out.prnn")));
        }
    }

    /// <summary>Writes in.png (a synthetic photo of this size, returned) and mine.pxim (a random Row LSTM) into <paramref name="folder"/>.</summary>
    private static RasterImage WriteImageAndModel(TempFolder folder, int width, int height)
    {
        RasterImage image = SyntheticImages.Photo(width, height, PixelFormat.Rgb);
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(image));
        File.WriteAllBytes(folder.File("mine.pxim"), IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, 6, 1, 9, seed: 8)));
        return image;
    }
}
