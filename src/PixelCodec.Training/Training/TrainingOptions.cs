using PixelCodec.Training.Models;

namespace PixelCodec.Training.Training;

/// <summary>Everything a training run is told. <see cref="MaxSteps"/> counts from the very first step, resumed or not.</summary>
/// <param name="Crop">Train on random Crop x Crop crops of a folder of photographs of any size (0: whole images of one size).</param>
/// <param name="InitialModel">A new run starts from this float model's weights (fine-tuning) instead of random ones; its configuration must be <see cref="Network"/>.</param>
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
    string? InitialModel = null);
