using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using PixelCodec.Training.Data;
using PixelCodec.Training.Distributed;
using PixelCodec.Training.Models;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Runs;

/// <summary>What the run reports as it goes (for a progress bar).</summary>
public sealed record TrainingProgress(long Step, double TrainBits, double? ValidBits, double ImagesPerSecond, double Fraction);

/// <param name="AllReduceWaitSeconds">In a distributed run, the time steps waited for the gradient all-reduce after backward.</param>
public sealed record TrainingResult(long Step, double? ValidBits, double ElapsedSeconds, string ModelPath, double BatchWaitSeconds, double AllReduceWaitSeconds = 0);

/// <summary>
/// The training loop: batches from a <see cref="BatchPump"/>, one optimizer step each, validation and
/// checkpoints at intervals, a log row every <see cref="LogEvery"/> steps. A non-finite loss stops the
/// run with the last good checkpoint untouched.
/// </summary>
/// <remarks>
/// In a data-parallel run (<see cref="TrainingOptions.Distributed"/>) every rank runs this loop in
/// step: rank 0 starts or resumes the run from its folder and hands the weights, optimizer state and
/// position to the others; each rank trains on its shard of every batch and validates on its share
/// of the validation images; only rank 0 writes checkpoints, the log and the curve, and reports. Ranks
/// agree once per step on whether to stop, so a budget in minutes or a cancellation stops them all
/// at the same step.
/// </remarks>
public sealed class TrainingRun(TrainingOptions options)
{
    public const int LogEvery = 10;

    public TrainingResult Run(Action<TrainingProgress>? report = null, CancellationToken cancel = default)
    {
        if (options.Threads > 0)
            TorchShim.SetThreads(options.Threads);
        ITrainingSamples train = options.Crop > 0
            ? RandomCrops.Open(options.TrainPath, options.Crop, options.Seed)
            : new WholeImages(ImageSets.Open(options.TrainPath, "train_32x32"));
        EvaluationSet valid = EvaluationSet.Open(options.ValidPath, "valid_32x32", options.ValidImages);
        using ProcessGroup? group = options.Distributed is { } distributed ? ProcessGroup.Join(distributed, options.Device) : null;
        bool root = group?.IsRoot ?? true;
        var checkpoint = new Checkpoint(options.OutputFolder);
        (Network network, Trainer trainer, TrainingState state) = group is null ? Start(checkpoint) : StartTogether(checkpoint, group);
        EvaluationSet validShare = group is null ? valid : valid.Shard(group.Rank, group.Size);
        using (network)
        using (trainer)
        using (var pump = new BatchPump(train, options.BatchSize, options.Seed, state.Position, group?.Rank ?? 0, group?.Size ?? 1))
        {
            TrainingLog? log = root ? new TrainingLog(checkpoint.LogPath, state.Step) : null;
            var clock = Stopwatch.StartNew();
            var window = Stopwatch.StartNew();
            double windowBits = 0, lastTrain = double.NaN;
            int windowSteps = 0;
            long step = state.Step, position = state.Position;
            double? lastValid = state.LastValidBits;

            TrainingState Current() => new(step, position, state.ElapsedSeconds + clock.Elapsed.TotalSeconds, options.Seed, options.BatchSize, lastValid, options.Crop, state.InitialModel);
            // The curve goes with every checkpoint: a run stopped from outside still leaves it current.
            void Save()
            {
                if (log is null)
                    return;
                checkpoint.Save(network, trainer, Current(), Provenance(Current()));
                File.WriteAllText(checkpoint.CurvePath, TrainingCurveSvg.Write(log.Read(), $"{network.Config.Architecture} h={network.Config.Hidden}, {network.Config.Layers} layers"));
            }

            // A lost peer surfaces in whichever collective comes next (the step's all-reduce, the vote, validation):
            // all of them end in the same one-line error naming the step and the checkpoint kept.
            try
            {
                (bool finished, bool cancelled) = Agree(group, Finished(step, clock.Elapsed), cancel.IsCancellationRequested);
                while (!finished && !cancelled)
                {
                    double learningRate = options.LearningRate.At(step);
                    trainer.SetLearningRate(learningRate);
                    ImageBatch batch = pump.Next();
                    double bits = trainer.Step(batch);
                    step++;
                    position += options.BatchSize;
                    windowBits += bits;
                    windowSteps++;
                    (finished, cancelled) = Agree(group, Finished(step, clock.Elapsed), cancel.IsCancellationRequested);

                    bool validate = step % options.ValidEvery == 0 || finished;
                    if (validate)
                        lastValid = Validate(network, validShare, group);
                    if (step % LogEvery == 0 || validate)
                    {
                        lastTrain = windowBits / windowSteps;
                        double imagesPerSecond = windowSteps * options.BatchSize / window.Elapsed.TotalSeconds;
                        log?.Append(new LogEntry(step, position, lastTrain, validate ? lastValid : null, learningRate, imagesPerSecond, pump.WaitTime.TotalSeconds, state.ElapsedSeconds + clock.Elapsed.TotalSeconds));
                        if (root)
                            report?.Invoke(new TrainingProgress(step, lastTrain, lastValid, imagesPerSecond, Fraction(step, clock.Elapsed)));
                        windowBits = 0;
                        windowSteps = 0;
                        window.Restart();
                    }
                    if (step % options.CheckpointEvery == 0 || validate)
                        Save();
                }
            }
            catch (TrainingException e)
            {
                throw new TrainingException($"training stopped at step {step + 1}{(group is null ? "" : $" on rank {group.Rank}")}: {e.Message}; {Kept(checkpoint, group)}");
            }
            Save();
            return new TrainingResult(step, lastValid, Current().ElapsedSeconds, checkpoint.ModelPath, pump.WaitTime.TotalSeconds, trainer.AllReduceStats.WaitSeconds);
        }
    }

    private string Kept(Checkpoint checkpoint, ProcessGroup? group)
    {
        string kept = group is { IsRoot: false } ? "rank 0 keeps the last good checkpoint"
            : checkpoint.Exists ? $"the last good checkpoint (step {checkpoint.LoadState().Step}) is kept in '{options.OutputFolder}'"
            : "no checkpoint was written yet";
        return group is null ? kept : kept + " (another worker stopping or losing its connection also ends here: see its error)";
    }

    /// <summary>Whether any rank has reached the budget, and whether any was cancelled: one collective, so all ranks stop at the same step.</summary>
    private static (bool Finished, bool Cancelled) Agree(ProcessGroup? group, bool finished, bool cancelled)
    {
        if (group is null)
            return (finished, cancelled);
        Span<double> votes = [finished ? 1 : 0, cancelled ? 1 : 0];
        group.Sum(votes);
        return (votes[0] > 0, votes[1] > 0);
    }

    private static double Validate(Network network, EvaluationSet share, ProcessGroup? group)
    {
        if (group is null)
            return share.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
        Span<double> sums = [share.Bits(g => Evaluation.BitsPerSubpixel(network, g)), share.Subpixels];
        group.Sum(sums);
        return sums[0] / sums[1];
    }

    /// <summary>
    /// Rank 0 starts or resumes the run from its own folder and sends what the others need (the
    /// network's configuration, the state, then weights and optimizer state), so the other ranks need
    /// the data but neither the run folder nor the --init model.
    /// </summary>
    private (Network, Trainer, TrainingState) StartTogether(Checkpoint checkpoint, ProcessGroup group)
    {
        Network? network = null;
        Trainer? trainer = null;
        TrainingState? state = null;
        RunStart? start = null;
        if (group.IsRoot)
        {
            try
            {
                (network, trainer, state) = Start(checkpoint);
                start = new RunStart(options.Agreement(), network.Config, state, null);
            }
            catch (Exception e) when (e is TrainingException or IOException or UnauthorizedAccessException)
            {
                group.Broadcast(JsonSerializer.SerializeToUtf8Bytes(new RunStart(options.Agreement(), null, null, e.Message)));
                throw;
            }
        }
        start = JsonSerializer.Deserialize<RunStart>(group.Broadcast(start is null ? null : JsonSerializer.SerializeToUtf8Bytes(start)))!;
        if (start.Error is { } error)
            throw new TrainingException($"rank 0 could not start the run: {error}");
        // Every rank learns whether all agree before any goes on, so a mismatch stops them all with the reason.
        bool agrees = start.Agreement == options.Agreement();
        Span<double> disagreeing = [agrees ? 0 : 1];
        group.Sum(disagreeing);
        if (!agrees)
            throw new TrainingException($"rank {group.Rank} was started with other options than rank 0: {options.Agreement()}; rank 0 has {start.Agreement}. Start every worker with the same options");
        if (disagreeing[0] > 0)
        {
            network?.Dispose();
            trainer?.Dispose();
            throw new TrainingException($"{disagreeing[0]} worker(s) were started with other options than rank {group.Rank}: see their errors");
        }
        if (!group.IsRoot)
        {
            state = start.State!;
            network = Network.Create(start.Config!, options.Seed, options.Device);
            trainer = new Trainer(network, options.Optimizer, options.LearningRate.Initial, options.ClipNorm);
        }
        trainer!.Distribute(group, options.Distributed!.BucketBytes);
        trainer.BroadcastFromRoot(withOptimizer: options.Resume);
        return (network!, trainer, state!);
    }

    /// <summary>What rank 0 tells the others at the start: the run, or why it could not start.</summary>
    private sealed record RunStart(string Agreement, NetworkConfig? Config, TrainingState? State, string? Error);

    private (Network, Trainer, TrainingState) Start(Checkpoint checkpoint)
    {
        if (!options.Resume)
        {
            if (checkpoint.Exists)
                throw new TrainingException($"'{options.OutputFolder}' already holds a training run: pass --resume to continue it, or choose another --out");
            Directory.CreateDirectory(options.OutputFolder);
            Network fresh = Network.Create(options.Network, options.Seed, options.Device);
            if (options.InitialModel is { } initial)
            {
                FloatModel start = FloatModelFile.Read(initial);
                if (!options.Network.CanStartFrom(start.Config))
                    throw new TrainingException($"'{initial}' is {start.Config.Describe()}, the run asks for {options.Network.Describe()}");
                fresh.StartFrom(start);
            }
            return (fresh, new Trainer(fresh, options.Optimizer, options.LearningRate.Initial, options.ClipNorm), new TrainingState(0, 0, 0, options.Seed, options.BatchSize, null, options.Crop, options.InitialModel));
        }
        if (!checkpoint.Exists)
            throw new TrainingException($"there is no training run to resume in '{options.OutputFolder}'");
        TrainingState state = checkpoint.LoadState();
        if (state.Seed != options.Seed || state.BatchSize != options.BatchSize || state.Crop != options.Crop)
            throw new TrainingException($"the run in '{options.OutputFolder}' used seed {state.Seed}, batch {state.BatchSize} and crop {state.Crop}; resume it with the same");
        FloatModel saved = FloatModelFile.Read(checkpoint.ModelPath);
        Network network = Network.Create(saved.Config, options.Seed, options.Device);
        network.WriteParameters(saved.Tensors);
        var trainer = new Trainer(network, options.Optimizer, options.LearningRate.Initial, options.ClipNorm);
        trainer.LoadState(checkpoint.OptimizerPath);
        return (network, trainer, state);
    }

    private bool Finished(long step, TimeSpan elapsed) =>
        step >= options.MaxSteps || (options.MaxMinutes is { } minutes && elapsed.TotalMinutes >= minutes);

    private double Fraction(long step, TimeSpan elapsed) => Math.Max(
        options.MaxSteps is { } steps ? (double)step / steps : 0,
        options.MaxMinutes is { } minutes ? elapsed.TotalMinutes / minutes : 0);

    private Dictionary<string, string> Provenance(TrainingState state) => new()
    {
        ["trainData"] = options.TrainPath + (options.Crop > 0 ? $" (random {options.Crop}x{options.Crop} crops)" : ""),
        ["initialModel"] = state.InitialModel ?? "",
        ["validData"] = options.ValidPath,
        ["steps"] = state.Step.ToString(CultureInfo.InvariantCulture),
        ["images"] = state.Position.ToString(CultureInfo.InvariantCulture),
        ["batchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["optimizer"] = options.Optimizer.ToString(),
        ["learningRate"] = $"{options.LearningRate.Kind} from {options.LearningRate.Initial.ToString(CultureInfo.InvariantCulture)}",
        ["clipNorm"] = options.ClipNorm.ToString(CultureInfo.InvariantCulture),
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["trainingSeconds"] = state.ElapsedSeconds.ToString("0", CultureInfo.InvariantCulture),
        ["validBitsPerDim"] = state.LastValidBits?.ToString("0.####", CultureInfo.InvariantCulture) ?? "",
        ["hardware"] = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, CPU libtorch",
    };
}
