using System.Diagnostics;
using PixelCodec.Engine;
using PixelCodec.Training.Models;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Tests;

/// <summary>
/// Native objects are released: the shim's counts of live networks, trainers and tensors return to
/// where they were, and thousands of steps grow neither the tensor count nor the process.
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
    public void AScopeFreesTheTensorsCreatedInIt()
    {
        TorchShim.EnsureInitialized();
        long before = TorchShim.LiveTensors;
        using (new TensorScope())
        {
            Tensor.FromImages(Batch, "cpu");
            using (new TensorScope())
            {
                Tensor.FromImages(Batch, "cpu");
                Assert.Equal(before + 2, TorchShim.LiveTensors);
            }
            Assert.Equal(before + 1, TorchShim.LiveTensors);
        }
        Assert.Equal(before, TorchShim.LiveTensors);
    }

    [Fact]
    public void ThousandsOfStepsKeepLiveTensorsAndMemoryFlat()
    {
        using var network = Network.Create(new NetworkConfig(Architecture.RowLstm, 6, 1, 6), seed: 1);
        using var trainer = new Trainer(network, OptimizerKind.Adam, 1e-3, 1.0);
        for (int step = 0; step < 200; step++)
            trainer.Step(Batch);
        long tensors = TorchShim.LiveTensors;
        long warm = CurrentResidentBytes();
        for (int step = 0; step < 2000; step++)
        {
            using var scope = new TensorScope();
            Tensor loss = trainer.Step(Tensor.FromImages(Batch, network.Device));
            Assert.Equal(tensors + 2, TorchShim.LiveTensors);
            Assert.True(double.IsFinite(loss.ToDouble()));
        }
        Assert.Equal(tensors, TorchShim.LiveTensors);
        long growth = CurrentResidentBytes() - warm;
        // Keeping a step's activations and gradients (tens of KB even for this tiny model) would pass the bound well before 2000 steps.
        Assert.True(growth < 16 << 20, $"resident memory grew by {growth >> 20} MB over 2000 steps");
    }

    private static long CurrentResidentBytes()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
