using PixelCodec.Engine;
using PixelCodec.Training.Data;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Training.Tests;

public class TrainingRunTests
{
    private static TrainingOptions Options(TestData data, string output, long steps, bool resume = false, double learningRate = 3e-3, double clip = 1.0) => new(
        new NetworkConfig(Architecture.RowLstm, Hidden: 6, Layers: 1, Head: 9),
        data.Path("train"), data.Path("valid"), data.Path(output), resume, OptimizerKind.Adam,
        new LearningRateSchedule(ScheduleKind.Cosine, learningRate, 12, 0), clip, BatchSize: 3, Seed: 7,
        MaxSteps: steps, MaxMinutes: null, ValidEvery: 4, ValidImages: 0, CheckpointEvery: 2);

    private static TestData Data()
    {
        var data = new TestData();
        data.PngFolder("train", 7, size: 6, seed: 1);
        data.PngFolder("valid", 3, size: 6, seed: 2);
        return data;
    }

    [Fact]
    public void AResumedRunEndsExactlyWhereAnUninterruptedOneDoes()
    {
        using TestData data = Data();
        TrainingResult whole = new TrainingRun(Options(data, "whole", 12)).Run();
        new TrainingRun(Options(data, "split", 5)).Run();
        TrainingResult resumed = new TrainingRun(Options(data, "split", 12, resume: true)).Run();

        Assert.Equal(12, resumed.Step);
        Assert.Equal(whole.ValidBits, resumed.ValidBits);
        FloatModel a = FloatModelFile.Read(whole.ModelPath), b = FloatModelFile.Read(resumed.ModelPath);
        Assert.All(a.Tensors.Zip(b.Tensors), pair => Assert.Equal(pair.First.Values, pair.Second.Values));
        var log = new TrainingLog(new Checkpoint(data.Path("split")).LogPath, 12).Read();
        Assert.Equal([4, 8, 10, 12], log.Select(e => e.Step).Where(s => s % 2 == 0).Distinct().Order().Where(s => s is 4 or 8 or 10 or 12));
        Assert.True(File.Exists(new Checkpoint(data.Path("split")).CurvePath));
    }

    [Fact]
    public void ARunOnCropsOfMixedSizesResumesExactly()
    {
        using TestData data = Data();
        data.MixedSizeFolder("photos", [(12, 9), (9, 14), (4, 4), (20, 7), (8, 8), (10, 10)], seed: 3);
        data.MixedSizeFolder("photos-valid", [(11, 7), (6, 9)], seed: 4);
        TrainingOptions Crops(string output, long steps, bool resume = false) =>
            Options(data, output, steps, resume) with { TrainPath = data.Path("photos"), ValidPath = data.Path("photos-valid"), Crop = 6 };
        TrainingResult whole = new TrainingRun(Crops("whole", 12)).Run();
        new TrainingRun(Crops("split", 5)).Run();
        TrainingResult resumed = new TrainingRun(Crops("split", 12, resume: true)).Run();

        Assert.Equal(whole.ValidBits, resumed.ValidBits);
        FloatModel a = FloatModelFile.Read(whole.ModelPath), b = FloatModelFile.Read(resumed.ModelPath);
        Assert.All(a.Tensors.Zip(b.Tensors), pair => Assert.Equal(pair.First.Values, pair.Second.Values));
        Assert.Contains("random 6x6 crops", a.Provenance["trainData"]);
        Assert.Contains("crop 6", Assert.Throws<TrainingException>(() => new TrainingRun(Crops("split", 14, resume: true) with { Crop = 5 }).Run()).Message);
    }

    [Fact]
    public void ARunStartedFromAModelStartsFromItsWeights()
    {
        using TestData data = Data();
        TrainingResult first = new TrainingRun(Options(data, "first", 4)).Run();
        // A learning rate of 0: the weights after one step are the initial model's, exactly.
        TrainingOptions tuned = Options(data, "tuned", 1) with { InitialModel = first.ModelPath, LearningRate = new LearningRateSchedule(ScheduleKind.Constant, 0, 0, 0) };
        TrainingResult result = new TrainingRun(tuned).Run();
        FloatModel a = FloatModelFile.Read(first.ModelPath), b = FloatModelFile.Read(result.ModelPath);
        Assert.All(a.Tensors.Zip(b.Tensors), pair => Assert.Equal(pair.First.Values, pair.Second.Values));
        Assert.Equal(first.ModelPath, b.Provenance["initialModel"]);
        TrainingOptions other = Options(data, "other", 1) with { InitialModel = first.ModelPath, Network = new NetworkConfig(Architecture.RowLstm, 8, 1, 9) };
        Assert.Contains("the run asks for", Assert.Throws<TrainingException>(() => new TrainingRun(other).Run()).Message);
    }

    [Fact]
    public void LearningLowersTheLoss()
    {
        using TestData data = Data();
        var run = new TrainingRun(Options(data, "learn", 40) with { LearningRate = new LearningRateSchedule(ScheduleKind.Constant, 1e-2, 0, 0) });
        run.Run();
        IReadOnlyList<LogEntry> log = new TrainingLog(new Checkpoint(data.Path("learn")).LogPath, long.MaxValue).Read();
        Assert.True(log[^1].TrainBits < log[0].TrainBits - 0.5, $"loss went from {log[0].TrainBits} to {log[^1].TrainBits}");
    }

    [Fact]
    public void ANonFiniteLossStopsWithTheLastGoodCheckpointKept()
    {
        using TestData data = Data();
        TrainingOptions options = Options(data, "nan", 40, learningRate: 1e30, clip: 0) with { LearningRate = new LearningRateSchedule(ScheduleKind.Constant, 1e30, 0, 0) };
        var error = Assert.Throws<TrainingException>(() => new TrainingRun(options).Run());
        Assert.Contains("not finite", error.Message);
        Assert.Matches("the last good checkpoint \\(step \\d+\\) is kept|no checkpoint was written yet", error.Message);
    }

    [Fact]
    public void AnExistingRunIsNotOverwrittenAndAMissingOneCannotResume()
    {
        using TestData data = Data();
        new TrainingRun(Options(data, "run", 2)).Run();
        Assert.Contains("--resume", Assert.Throws<TrainingException>(() => new TrainingRun(Options(data, "run", 4)).Run()).Message);
        Assert.Contains("no training run to resume", Assert.Throws<TrainingException>(() => new TrainingRun(Options(data, "other", 4, resume: true)).Run()).Message);
        Assert.Contains("same", Assert.Throws<TrainingException>(() => new TrainingRun(Options(data, "run", 4, resume: true) with { Seed = 8 }).Run()).Message);
    }

    [Fact]
    public void BatchOrderIsAFunctionOfSeedAndPosition()
    {
        using TestData data = Data();
        var set = new WholeImages(ImageSets.Open(data.Path("train")));
        List<byte[]> straight;
        using (var pump = new BatchPump(set, 3, seed: 5, position: 0))
            straight = Enumerable.Range(0, 6).Select(_ => pump.Next().Pixels).ToList();
        using (var resumed = new BatchPump(set, 3, seed: 5, position: 9))
            Assert.Equal(straight.Skip(3), Enumerable.Range(0, 3).Select(_ => resumed.Next().Pixels));
        Assert.NotEqual(BatchPump.Order(7, 5, 0), BatchPump.Order(7, 5, 1));
        Assert.Equal(Enumerable.Range(0, 7), BatchPump.Order(7, 5, 3).Order());
    }
}
