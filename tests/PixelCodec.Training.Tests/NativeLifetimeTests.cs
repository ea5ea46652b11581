using PixelCodec.Training.Models;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Tests;

/// <summary>Native objects are released: the shim's count of live handles returns to where it was.</summary>
public class NativeLifetimeTests
{
    [Fact]
    public void ThousandsOfStepsLeaveNoHandlesBehind()
    {
        TorchShim.EnsureInitialized();
        long before = TorchShim.LiveHandles;
        var batch = new ImageBatch(2, 4, 4, TestData.Image(4, 1).Pixels.Concat(TestData.Image(4, 2).Pixels).ToArray());
        for (int round = 0; round < 20; round++)
        {
            using var network = Network.Create(new NetworkConfig(Architecture.PixelCnn, 3, 1, 3), seed: round);
            using var trainer = new Trainer(network, OptimizerKind.Adam, 1e-3, 1.0);
            for (int step = 0; step < 100; step++)
                Assert.True(double.IsFinite(trainer.Step(batch)));
            Assert.Equal(before + 2, TorchShim.LiveHandles);
        }
        Assert.Equal(before, TorchShim.LiveHandles);
    }
}
