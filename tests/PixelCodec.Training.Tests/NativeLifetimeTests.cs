using System.Diagnostics;
using PixelCodec.Training.Models;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Tests;

/// <summary>
/// Native objects are released: the shim's count of live handles returns to where it was, and
/// 1,700 steps do not grow the process (each step's tensors are freed when it returns).
/// </summary>
public class NativeLifetimeTests
{
    private static readonly ImageBatch Batch = new(2, 8, 8, TestData.Image(8, 1).Pixels.Concat(TestData.Image(8, 2).Pixels).ToArray());

    [Fact]
    public void HandlesAreReleased()
    {
        TorchShim.EnsureInitialized();
        long before = TorchShim.LiveHandles;
        for (int round = 0; round < 20; round++)
        {
            using var network = Network.Create(new NetworkConfig(Architecture.PixelCnn, 3, 1, 3), seed: round);
            using var trainer = new Trainer(network, OptimizerKind.Adam, 1e-3, 1.0);
            trainer.Step(Batch);
            Assert.Equal(before + 2, TorchShim.LiveHandles);
        }
        Assert.Equal(before, TorchShim.LiveHandles);
    }

    [Fact]
    public void ThousandsOfStepsKeepMemoryFlat()
    {
        using var network = Network.Create(new NetworkConfig(Architecture.RowLstm, 6, 1, 6), seed: 1);
        using var trainer = new Trainer(network, OptimizerKind.Adam, 1e-3, 1.0);
        for (int step = 0; step < 200; step++)
            trainer.Step(Batch);
        long warm = CurrentResidentBytes();
        for (int step = 0; step < 1500; step++)
            Assert.True(double.IsFinite(trainer.Step(Batch)));
        long growth = CurrentResidentBytes() - warm;
        // Keeping a step's activations and gradients (tens of KB even for this tiny model) would pass the bound well before 1500 steps.
        Assert.True(growth < 16 << 20, $"resident memory grew by {growth >> 20} MB over 1500 steps");
    }

    private static long CurrentResidentBytes()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
