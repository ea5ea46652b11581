using PixelCodec.Training.Models;

namespace PixelCodec.Training.Training;

/// <summary>Everything a training run is told. <see cref="MaxSteps"/> counts from the very first step, resumed or not.</summary>
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
    string Device = "cpu");
