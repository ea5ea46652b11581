using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Tests;

public class BandedEvaluationTests
{
    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    public void TheHeadOnBandsOfRowsGivesTheLossOfTheWholeImage(Architecture architecture)
    {
        using Network network = Network.Create(new NetworkConfig(architecture, 6, 2, 9), seed: 3);
        var random = new Random(5);
        var pixels = new byte[2 * 11 * 13 * 3];
        random.NextBytes(pixels);
        var batch = new ImageBatch(2, 11, 13, pixels);

        double whole = network.Evaluate(batch, maxBandPositions: long.MaxValue);
        double oneRow = network.Evaluate(batch, maxBandPositions: 1);
        double threeRows = network.Evaluate(batch, maxBandPositions: 2 * 13 * 3);
        Assert.InRange(whole, 7, 9);
        Assert.Equal(whole, oneRow, 5);
        Assert.Equal(whole, threeRows, 5);
    }
}
