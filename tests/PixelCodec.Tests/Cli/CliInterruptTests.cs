using System.Diagnostics;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>A real encode or decode interrupted by SIGTERM or Ctrl-C (SIGINT) leaves nothing behind and says so.</summary>
public class CliInterruptTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start("kill", ["-s", signal, process.Id.ToString()])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static void WaitFor(Func<bool> condition, RunningCli running)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < Bound && !running.Process.HasExited)
            Thread.Sleep(10);
        Assert.True(condition(), "the run ended before it could be interrupted");
    }

    [Theory]
    [InlineData("TERM", 143, "SIGTERM")]
    [InlineData("INT", 130, "Ctrl-C (SIGINT)")]
    public void AnInterruptedEncodeRemovesItsTemporaryFile(string signal, int exitCode, string named)
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(SyntheticImages.Photo(320, 240, PixelFormat.Rgb)));
        using RunningCli encode = CliProcess.Start(["encode", folder.File("in.png"), folder.File("out.prnn")]);
        string[] Temporary() => Directory.GetFiles(folder.Path, ".out.prnn.*.tmp");
        WaitFor(() => Temporary().Length > 0, encode);
        string temporary = Temporary()[0];
        Signal(encode.Process, signal);
        CliResult result = encode.Finish(Bound);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(["in.png"], folder.Files());
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"pixelcodec: interrupted by {named}; removed the unfinished '{temporary}'", line);
    }

    [Fact]
    public void AHardKillLeavesAtMostTheHiddenTemporaryFile()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(SyntheticImages.Photo(320, 240, PixelFormat.Rgb)));
        using RunningCli encode = CliProcess.Start(["encode", folder.File("in.png"), folder.File("out.prnn")]);
        WaitFor(() => Directory.GetFiles(folder.Path, ".out.prnn.*.tmp").Length > 0, encode);
        encode.Process.Kill();
        encode.Process.WaitForExit();
        Assert.DoesNotContain("out.prnn", folder.Files());
        Assert.All(folder.Files(), name => Assert.True(name == "in.png" || name.StartsWith(".out.prnn.", StringComparison.Ordinal), name));
    }

    [Fact]
    public void AnInterruptedDecodeLeavesNoOutput()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(SyntheticImages.Photo(192, 144, PixelFormat.Rgb)));
        Assert.Equal(0, CliProcess.Run(["encode", folder.File("in.png"), folder.File("in.prnn")]).ExitCode);
        using RunningCli decode = CliProcess.Start(["decode", folder.File("in.prnn"), folder.File("out.png")]);
        // Interrupted while decoding: a second of CPU time is well past start-up (about 0.4 s here), and
        // the decode takes several.
        WaitFor(() => decode.Process.TotalProcessorTime > TimeSpan.FromSeconds(1), decode);
        Signal(decode.Process, "TERM");
        CliResult result = decode.Finish(Bound);

        Assert.Equal(143, result.ExitCode);
        Assert.Equal(["in.png", "in.prnn"], folder.Files().Order());
        Assert.Equal("pixelcodec: interrupted by SIGTERM", Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
