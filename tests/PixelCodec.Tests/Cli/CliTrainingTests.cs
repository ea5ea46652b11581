using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// train, export and eval go through the same front door as the codec's commands: a model trained,
/// exported and evaluated from the command line codes a file that decodes exactly, and their failures
/// are one line on stderr with exit code 1.
/// </summary>
public class CliTrainingTests
{
    private static TempFolder Data()
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("images"));
        for (int i = 0; i < 6; i++)
            File.WriteAllBytes(Path.Combine(folder.File("images"), $"{i}.png"), PngWriter.Encode(SyntheticImages.Photo(6, 6, PixelFormat.Rgb, (uint)(i + 1))));
        return folder;
    }

    private static void AssertOneLineFailure(CliResult result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pixelcodec: error: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void ATrainedExportedModelCodesAFileThatDecodesExactly()
    {
        using TempFolder folder = Data();
        CliResult train = CliProcess.Run(["train", "--arch", "PixelCnn", "--hidden", "4", "--layers", "1", "--head", "8", "--batch", "2",
            "--train", folder.File("images"), "--valid", folder.File("images"), "--out", folder.File("run"), "--steps", "2", "--valid-every", "1", "--threads", "1"]);
        Assert.True(train.ExitCode == 0, train.StandardError);
        Assert.True(File.Exists(Path.Combine(folder.File("run"), "model.pxfm")));

        CliResult export = CliProcess.Run(["export", "--model", Path.Combine(folder.File("run"), "model.pxfm"), "--calibration", folder.File("images"),
            "--calibration-images", "2", "--out", folder.File("tiny.pxim")]);
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Contains("model id", export.StandardOutputText);
        Assert.Equal(["tiny.pxim"], folder.Files());

        CliResult eval = CliProcess.Run(["eval", "--model", folder.File("tiny.pxim"), "--data", folder.File("images")]);
        Assert.True(eval.ExitCode == 0, eval.StandardError);
        Assert.Contains("bits/dim integer code length on 6 images", eval.StandardOutputText);

        string image = Path.Combine(folder.File("images"), "0.png");
        Assert.Equal(0, CliProcess.Run(["encode", "-m", folder.File("tiny.pxim"), image, folder.File("0.prnn")]).ExitCode);
        CliResult decode = CliProcess.Run(["decode", "-m", folder.File("tiny.pxim"), folder.File("0.prnn"), folder.File("back.png")]);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.True(ImageFile.Read(File.ReadAllBytes(image)).PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
    }

    [Fact]
    public void FailuresAreOneLineAndLeaveNoOutput()
    {
        using TempFolder folder = Data();
        AssertOneLineFailure(CliProcess.Run(["train", "--train", folder.File("images"), "--valid", folder.File("images"), "--out", folder.File("run")]), "give a budget");
        AssertOneLineFailure(CliProcess.Run(["eval", "--model", folder.File("missing.pxim"), "--data", folder.File("images")]), "does not exist");
        File.WriteAllText(folder.File("bad.pxfm"), "not a model");
        AssertOneLineFailure(CliProcess.Run(["export", "--model", folder.File("bad.pxfm"), "--calibration", folder.File("images"), "--out", folder.File("bad.pxim")]), "bad.pxfm");
        Assert.Equal(["bad.pxfm"], folder.Files());
    }
}
