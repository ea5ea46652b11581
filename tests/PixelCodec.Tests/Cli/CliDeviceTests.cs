using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// --device: a GPU asked for and not there is a note, not an error, and the CPU writes the same
/// bytes; where a GPU is there, it writes the same bytes too.
/// </summary>
public class CliDeviceTests
{
    [Fact]
    public void EveryDeviceWritesTheSameFileAndAMissingGpuIsANote()
    {
        using var folder = new TempFolder();
        string input = Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png");
        var files = new Dictionary<string, byte[]>();
        foreach (string device in new[] { "cpu", "gpu", "auto" })
        {
            string output = folder.File($"{device}.prnn");
            CliResult encode = CliProcess.Run(["encode", input, output, "--device", device]);
            Assert.True(encode.ExitCode == 0, encode.StandardError);
            if (device == "gpu")
                Assert.True(encode.StandardError.Contains("coding on the CPU") || encode.StandardError.Contains("pixelcodec: coding on CUDA"), encode.StandardError);
            else
                Assert.DoesNotContain("note", encode.StandardError);
            files[device] = File.ReadAllBytes(output);

            CliResult decode = CliProcess.Run(["decode", output, folder.File($"{device}.png"), "--device", device]);
            Assert.True(decode.ExitCode == 0, decode.StandardError);
            // A whole image decodes position by position: nothing for a GPU, and --device gpu says so.
            if (device == "gpu")
                Assert.Contains("decodes position by position", decode.StandardError);
        }
        Assert.Equal(files["cpu"], files["gpu"]);
        Assert.Equal(files["cpu"], files["auto"]);
    }

    [Fact]
    public void AnUnknownDeviceIsOneLine()
    {
        using var folder = new TempFolder();
        CliResult encode = CliProcess.Run(["encode", Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png"), folder.File("out.prnn"), "--device", "tpu"]);
        Assert.Equal(1, encode.ExitCode);
        Assert.Single(encode.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Contains("'tpu'", encode.StandardError);
        Assert.False(File.Exists(folder.File("out.prnn")));
    }
}
