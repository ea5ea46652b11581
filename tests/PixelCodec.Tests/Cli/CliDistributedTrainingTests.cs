using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Tests.Cli;

/// <summary>`pixelcodec train` as several real processes on loopback: `--nproc`, a killed worker, a resume after it.</summary>
public class CliDistributedTrainingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static string[] Train(TempFolder folder, string output, long steps, params string[] more) =>
    [
        "train", "--arch", "RowLstm", "--hidden", "4", "--layers", "1", "--head", "8", "--batch", "4", "--seed", "3",
        "--train", folder.File("train"), "--valid", folder.File("valid"), "--out", folder.File(output),
        "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--checkpoint-every", "2", "--valid-every", "1000", "--threads", "1", .. more,
    ];

    private static TempFolder Data()
    {
        var folder = new TempFolder();
        foreach ((string name, int count) in new[] { ("train", 8), ("valid", 2) })
        {
            Directory.CreateDirectory(folder.File(name));
            for (int i = 0; i < count; i++)
                File.WriteAllBytes(Path.Combine(folder.File(name), $"{i}.png"), PngWriter.Encode(SyntheticImages.Photo(6, 6, PixelFormat.Rgb, (uint)(i + (name == "valid" ? 100 : 1)))));
        }
        return folder;
    }

    private static float[] Weights(string modelPath) => [.. FloatModelFile.Read(modelPath).Tensors.SelectMany(t => t.Values)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public void AKilledWorkerStopsTheOthersWithAnErrorAndTheRunResumesExactly()
    {
        using TempFolder folder = Data();
        string[] Rank(int rank, string master) => Train(folder, rank == 0 ? "run" : "rank1", 1_000_000, "--world-size", "2", "--rank", rank.ToString(), "--master", master);
        string master = $"127.0.0.1:{FreePort()}";
        using RunningCli rank0 = CliProcess.Start(Rank(0, master));
        using RunningCli rank1 = CliProcess.Start(Rank(1, master));
        var checkpoint = new Checkpoint(folder.File("run"));
        var waiting = Stopwatch.StartNew();
        while (!checkpoint.Exists && waiting.Elapsed < Bound && !rank0.Process.HasExited)
            Thread.Sleep(50);
        Assert.True(checkpoint.Exists, "rank 0 wrote no checkpoint");

        rank1.Process.Kill();
        var stopping = Stopwatch.StartNew();
        CliResult result = rank0.Finish(Bound);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"rank 0 took {stopping.Elapsed} to notice");
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pixelcodec: error: training stopped at step ", line);
        Assert.Contains("another worker stopping or losing its connection", line);

        // The checkpoint it left continues exactly like a run that was never interrupted.
        long end = checkpoint.LoadState().Step + 4;
        CliResult resumed = CliProcess.Run(Train(folder, "run", end, "--resume", "--nproc", "2"));
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        CliResult whole = CliProcess.Run(Train(folder, "whole", end, "--nproc", "2"));
        Assert.True(whole.ExitCode == 0, whole.StandardError);
        Assert.Equal(end, checkpoint.LoadState().Step);
        Assert.Equal(Weights(Path.Combine(folder.File("whole"), "model.pxfm")), Weights(checkpoint.ModelPath));
        Assert.False(Directory.Exists(folder.File("rank1")));
    }

    [Fact]
    public void NprocReportsTheFirstWorkerToFailInOneLine()
    {
        using TempFolder folder = Data();
        Assert.Equal(0, CliProcess.Run(Train(folder, "taken", 2)).ExitCode);
        CliResult result = CliProcess.Run(Train(folder, "taken", 4, "--nproc", "2"));
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Both workers meet the same error; which reports it first depends on the scheduler.
        Assert.Matches("^pixelcodec: error: worker [01] of 2 stopped: ", line);
        Assert.Contains("already holds a training run", line);
    }

    [Fact]
    public void WorkerOptionsComeTogether()
    {
        using TempFolder folder = Data();
        CliResult partial = CliProcess.Run(Train(folder, "run", 2, "--world-size", "2"));
        Assert.Equal(1, partial.ExitCode);
        Assert.Contains("needs --world-size, --rank and --master together", partial.StandardError);
        CliResult both = CliProcess.Run(Train(folder, "run", 2, "--nproc", "2", "--world-size", "2", "--rank", "0", "--master", "127.0.0.1:1"));
        Assert.Contains("--nproc starts the workers itself", both.StandardError);
        CliResult badMaster = CliProcess.Run(Train(folder, "run", 2, "--world-size", "2", "--rank", "0", "--master", "localhost"));
        Assert.Contains("must be HOST:PORT", badMaster.StandardError);
        CliResult badRank = CliProcess.Run(Train(folder, "run", 2, "--world-size", "2", "--rank", "2", "--master", "127.0.0.1:29500"));
        Assert.Contains("--rank 2 must be from 0 to 1", badRank.StandardError);
    }
}
