using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PixelCodec.Training.Data;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Training;

/// <summary>What the run reports as it goes (for a progress bar).</summary>
public sealed record TrainingProgress(long Step, double TrainBits, double? ValidBits, double ImagesPerSecond, double Fraction);

public sealed record TrainingResult(long Step, double? ValidBits, double ElapsedSeconds, string ModelPath, double BatchWaitSeconds);

/// <summary>
/// The training loop: batches from a <see cref="BatchPump"/>, one optimizer step each, validation and
/// checkpoints at intervals, a log row every <see cref="LogEvery"/> steps. A non-finite loss stops the
/// run with the last good checkpoint untouched.
/// </summary>
public sealed class TrainingRun(TrainingOptions options)
{
    public const int LogEvery = 10;

    public TrainingResult Run(Action<TrainingProgress>? report = null, CancellationToken cancel = default)
    {
        ITrainingSamples train = options.Crop > 0
            ? RandomCrops.Open(options.TrainPath, options.Crop, options.Seed)
            : new WholeImages(ImageSets.Open(options.TrainPath, "train_32x32"));
        EvaluationSet valid = EvaluationSet.Open(options.ValidPath, "valid_32x32", options.ValidImages);
        var checkpoint = new Checkpoint(options.OutputFolder);
        (Network network, Trainer trainer, TrainingState state) = Start(checkpoint);
        using (network)
        using (trainer)
        using (var pump = new BatchPump(train, options.BatchSize, options.Seed, state.Position))
        {
            var log = new TrainingLog(checkpoint.LogPath, state.Step);
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
                checkpoint.Save(network, trainer, Current(), Provenance(Current()));
                File.WriteAllText(checkpoint.CurvePath, TrainingCurveSvg.Write(log.Read(), $"{network.Config.Architecture} h={network.Config.Hidden}, {network.Config.Layers} layers"));
            }

            while (!Finished(step, clock.Elapsed) && !cancel.IsCancellationRequested)
            {
                double learningRate = options.LearningRate.At(step);
                trainer.SetLearningRate(learningRate);
                ImageBatch batch = pump.Next();
                double bits;
                try
                {
                    bits = trainer.Step(batch);
                }
                catch (TrainingException e)
                {
                    string kept = checkpoint.Exists ? $"the last good checkpoint (step {checkpoint.LoadState().Step}) is kept in '{options.OutputFolder}'" : "no checkpoint was written yet";
                    throw new TrainingException($"training stopped at step {step + 1}: {e.Message}; {kept}");
                }
                step++;
                position += batch.Count;
                windowBits += bits;
                windowSteps++;

                bool validate = step % options.ValidEvery == 0 || Finished(step, clock.Elapsed);
                if (validate)
                    lastValid = valid.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
                if (step % LogEvery == 0 || validate)
                {
                    lastTrain = windowBits / windowSteps;
                    double imagesPerSecond = windowSteps * options.BatchSize / window.Elapsed.TotalSeconds;
                    log.Append(new LogEntry(step, position, lastTrain, validate ? lastValid : null, learningRate, imagesPerSecond, pump.WaitTime.TotalSeconds, state.ElapsedSeconds + clock.Elapsed.TotalSeconds));
                    report?.Invoke(new TrainingProgress(step, lastTrain, lastValid, imagesPerSecond, Fraction(step, clock.Elapsed)));
                    windowBits = 0;
                    windowSteps = 0;
                    window.Restart();
                }
                if (step % options.CheckpointEvery == 0 || validate)
                    Save();
            }
            Save();
            return new TrainingResult(step, lastValid, Current().ElapsedSeconds, checkpoint.ModelPath, pump.WaitTime.TotalSeconds);
        }
    }

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
                if (start.Config != options.Network)
                    throw new TrainingException($"'{initial}' is {start.Config.Describe()}, the run asks for {options.Network.Describe()}");
                fresh.WriteParameters(start.Tensors);
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
