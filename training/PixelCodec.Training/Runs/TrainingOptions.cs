using PixelCodec.Training.Distributed;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Runs;

/// <summary>Everything a training run is told. <see cref="MaxSteps"/> counts from the very first step, resumed or not.</summary>
/// <param name="Crop">Train on random Crop x Crop crops of a folder of photographs of any size (0: whole images of one size).</param>
/// <param name="InitialModel">A new run starts from this float model's weights (fine-tuning) instead of random ones; <see cref="Network"/> must be able to start from its configuration (<see cref="NetworkConfig.CanStartFrom"/>).</param>
/// <param name="Distributed">This process is one rank of a data-parallel run (null: the only one). <see cref="BatchSize"/> stays the batch of a whole step, shared equally by the ranks.</param>
/// <param name="Threads">libtorch's threads in this process (0: all cores).</param>
public sealed record TrainingOptions(
    NetworkConfig Network,
    string TrainPath,
    string ValidPath,
    string OutputFolder,
    bool Resume,
    OptimizerKind Optimizer,
    LearningRateSchedule LearningRate,
    double ClipNorm,
    int BatchSize,
    int Seed,
    long? MaxSteps,
    double? MaxMinutes,
    int ValidEvery,
    int ValidImages,
    int CheckpointEvery,
    string Device = "cpu",
    int Crop = 0,
    string? InitialModel = null,
    DistributedOptions? Distributed = null,
    int Threads = 0)
{
    /// <summary>What every rank of a data-parallel run must be given alike (paths and threads may differ).</summary>
    internal string Agreement() => string.Join(", ",
        $"--seed {Seed}", $"--batch {BatchSize}", $"--crop {Crop}", $"--resume {Resume}", $"--steps {MaxSteps}", $"--minutes {MaxMinutes}",
        $"learning rate {LearningRate}", $"--optimizer {Optimizer}", $"--clip {ClipNorm}", $"--valid-every {ValidEvery}", $"--valid-images {ValidImages}",
        $"--checkpoint-every {CheckpointEvery}", $"--device {Device}", $"--world-size {Distributed?.WorldSize ?? 1}", $"--init {InitialModel is not null}");
}
