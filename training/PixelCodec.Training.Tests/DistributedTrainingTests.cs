using System.Net;
using System.Net.Sockets;
using PixelCodec.Engine;
using PixelCodec.Training.Distributed;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Training.Tests;

/// <summary>
/// Data-parallel runs on loopback, each rank a thread of this process with its own process group
/// (the ranks of a real run are processes; tests/PixelCodec.Tests/Cli kills one).
/// </summary>
public class DistributedTrainingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    // Float tolerance: the mean of two shard means is not rounded like one mean over the whole batch,
    // and Adam, which divides by the gradient's own size, carries such differences into the weights.
    // After 6 steps the weights must agree to within 1e-4 of how far they moved from the start
    // (measured: 3e-7; with each rank following only its own shard's gradient: 0.68).
    private const double Tolerance = 1e-4;

    private static TrainingOptions Options(TestData data, string output, long steps, bool resume = false) => new(
        new NetworkConfig(Architecture.RowLstm, Hidden: 6, Layers: 1, Head: 9),
        data.Path("train"), data.Path("valid"), data.Path(output), resume, OptimizerKind.Adam,
        new LearningRateSchedule(ScheduleKind.Cosine, 3e-3, 12, 0), ClipNorm: 1.0, BatchSize: 4, Seed: 7,
        MaxSteps: steps, MaxMinutes: null, ValidEvery: 3, ValidImages: 0, CheckpointEvery: 2);

    private static TestData Data()
    {
        var data = new TestData();
        data.PngFolder("train", 9, size: 6, seed: 1);
        data.PngFolder("valid", 3, size: 6, seed: 2);
        return data;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs ranks 0..world-1 together; each rank's outcome, a result or the exception it ended with.</summary>
    private static (TrainingResult? Result, Exception? Error)[] Together(int world, Func<int, TrainingOptions> optionsOf, TimeSpan? timeout = null)
    {
        int port = FreePort();
        Task<TrainingResult>[] ranks = [.. Enumerable.Range(0, world).Select(rank => Task.Run(() => new TrainingRun(optionsOf(rank) with
        {
            Distributed = new DistributedOptions(world, rank, "127.0.0.1", port, timeout ?? TimeSpan.FromSeconds(60)),
        }).Run()))];
        Assert.True(Task.WaitAll(ranks.Select(t => t.ContinueWith(_ => { })).ToArray(), Bound), "the ranks did not finish in time");
        return [.. ranks.Select(t => t.IsCompletedSuccessfully ? ((TrainingResult?)t.Result, (Exception?)null) : (null, t.Exception!.InnerException))];
    }

    private static TrainingResult[] Succeed((TrainingResult? Result, Exception? Error)[] outcomes) =>
        [.. outcomes.Select(o => o.Result ?? throw new Xunit.Sdk.XunitException($"a rank failed: {o.Error}"))];

    private static float[] Weights(string modelPath) => [.. FloatModelFile.Read(modelPath).Tensors.SelectMany(t => t.Values)];

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b).Sum(p => Math.Pow(p.First - (double)p.Second, 2)));

    /// <summary>How far apart two runs' weights are, relative to how far the reference moved from the start.</summary>
    private static double RelativeDistance(string modelPath, string referencePath, string startPath)
    {
        float[] reference = Weights(referencePath);
        return Distance(Weights(modelPath), reference) / Distance(reference, Weights(startPath));
    }

    [Fact]
    public void TwoWorkersWithHalfABatchEachFollowOneProcessWithTheWholeBatch()
    {
        using TestData data = Data();
        TrainingResult start = new TrainingRun(Options(data, "start", 0)).Run();
        TrainingResult single = new TrainingRun(Options(data, "single", 6)).Run();
        TrainingResult[] ranks = Succeed(Together(2, rank => Options(data, rank == 0 ? "two" : "rank1", 6)));

        Assert.All(ranks, r => Assert.Equal(6, r.Step));
        double distance = RelativeDistance(ranks[0].ModelPath, single.ModelPath, start.ModelPath);
        Assert.True(distance < Tolerance, $"2 workers' weights are {distance:E2} of the update away from 1 process's");
        Assert.Equal(single.ValidBits!.Value, ranks[0].ValidBits!.Value, 1e-3);
        // Both ranks validated on their share and agree on the mean; only rank 0 wrote anything.
        Assert.Equal(ranks[0].ValidBits, ranks[1].ValidBits);
        Assert.False(Directory.Exists(data.Path("rank1")));
        // The logged training loss is the whole batch's, as one process logs it.
        var log = new TrainingLog(new Checkpoint(data.Path("two")).LogPath, 6).Read();
        var singleLog = new TrainingLog(new Checkpoint(data.Path("single")).LogPath, 6).Read();
        Assert.Equal(singleLog.Select(e => e.Step), log.Select(e => e.Step));
        Assert.All(log.Zip(singleLog), p => Assert.Equal(p.Second.TrainBits, p.First.TrainBits, 1e-3));
        Assert.Equal(singleLog.Select(e => e.Images), log.Select(e => e.Images));
    }

    [Fact]
    public void GradientBucketsOfAnySizeGiveTheSameWeights()
    {
        using TestData data = Data();
        TrainingResult[] small = RunWithBuckets(data, "small", 64);
        TrainingResult[] large = RunWithBuckets(data, "large", 1 << 26);
        Assert.Equal(Weights(large[0].ModelPath), Weights(small[0].ModelPath));
    }

    private static TrainingResult[] RunWithBuckets(TestData data, string output, long bucketBytes)
    {
        int port = FreePort();
        Task<TrainingResult>[] ranks = [.. Enumerable.Range(0, 2).Select(rank => Task.Run(() => new TrainingRun(Options(data, rank == 0 ? output : output + "-rank1", 3) with
        {
            Distributed = new DistributedOptions(2, rank, "127.0.0.1", port, TimeSpan.FromSeconds(60), bucketBytes),
        }).Run()))];
        Assert.True(Task.WaitAll(ranks, Bound));
        return [.. ranks.Select(t => t.Result)];
    }

    [Fact]
    public void AResumedDistributedRunEndsExactlyWhereAnUninterruptedOneDoes()
    {
        using TestData data = Data();
        TrainingResult[] whole = Succeed(Together(2, rank => Options(data, rank == 0 ? "whole" : "whole-1", 6)));
        Succeed(Together(2, rank => Options(data, rank == 0 ? "split" : "split-1", 3)));
        TrainingResult[] resumed = Succeed(Together(2, rank => Options(data, rank == 0 ? "split" : "split-1", 6, resume: true)));

        Assert.Equal(6, resumed[0].Step);
        Assert.Equal(whole[0].ValidBits, resumed[0].ValidBits);
        Assert.Equal(Weights(whole[0].ModelPath), Weights(resumed[0].ModelPath));
    }

    [Fact]
    public void ADistributedRunResumesOnOneProcessAndTheReverse()
    {
        using TestData data = Data();
        TrainingResult start = new TrainingRun(Options(data, "start", 0)).Run();
        TrainingResult single = new TrainingRun(Options(data, "single", 6)).Run();

        Succeed(Together(2, rank => Options(data, rank == 0 ? "two-then-one" : "rank1", 3)));
        TrainingResult oneAfterTwo = new TrainingRun(Options(data, "two-then-one", 6, resume: true)).Run();
        new TrainingRun(Options(data, "one-then-two", 3)).Run();
        TrainingResult twoAfterOne = Succeed(Together(2, rank => Options(data, rank == 0 ? "one-then-two" : "rank1", 6, resume: true)))[0];

        Assert.Equal(6, oneAfterTwo.Step);
        Assert.Equal(6, twoAfterOne.Step);
        foreach (TrainingResult resumed in new[] { oneAfterTwo, twoAfterOne })
        {
            double distance = RelativeDistance(resumed.ModelPath, single.ModelPath, start.ModelPath);
            Assert.True(distance < Tolerance, $"a run resumed across worker counts is {distance:E2} of the update away from 1 process's");
        }
        Assert.Equal(24, new Checkpoint(data.Path("one-then-two")).LoadState().Position);
    }

    [Fact]
    public void WorkersGivenOtherOptionsAllStopWithTheReason()
    {
        using TestData data = Data();
        var outcomes = Together(2, rank => Options(data, rank == 0 ? "run" : "rank1", 4) with { Seed = rank == 0 ? 7 : 8 });
        Assert.Contains("rank 1 was started with other options than rank 0", outcomes[1].Error!.Message);
        Assert.Contains("--seed 8", outcomes[1].Error!.Message);
        Assert.Contains("1 worker(s) were started with other options", outcomes[0].Error!.Message);
        Assert.All(outcomes, o => Assert.IsType<TrainingException>(o.Error));
    }

    [Fact]
    public void WhenRankZeroCannotStartTheOthersSayWhy()
    {
        using TestData data = Data();
        new TrainingRun(Options(data, "taken", 1)).Run();
        var outcomes = Together(2, rank => Options(data, rank == 0 ? "taken" : "rank1", 4));
        Assert.Contains("already holds a training run", outcomes[0].Error!.Message);
        Assert.Contains("rank 0 could not start the run: ", outcomes[1].Error!.Message);
        Assert.Contains("already holds a training run", outcomes[1].Error!.Message);
    }

    [Fact]
    public void ARankWhosePeersNeverComeFailsAfterTheTimeout()
    {
        using TestData data = Data();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var alone = Options(data, "alone", 4) with { Distributed = new DistributedOptions(2, 0, "127.0.0.1", FreePort(), TimeSpan.FromSeconds(3)) };
        var error = Assert.Throws<TrainingException>(() => new TrainingRun(alone).Run());
        Assert.Contains("rank 0 could not join the 2 workers at 127.0.0.1:", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"it took {clock.Elapsed}");
        Assert.False(Directory.Exists(data.Path("alone")));
    }
}
