using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Tests;

/// <summary>
/// The defining property of a PixelRNN: the distribution of sub-pixel (i, j, c) depends on no
/// sub-pixel at or after it in raster, R-G-B order, and does depend on some before it.
/// </summary>
public class CausalityTests
{
    private const int Height = 5, Width = 6;

    // The conditional network sees its subsample whole (computed from the image, detached): what it must
    // not see is a later sub-pixel through the masked path.
    public static TheoryData<Architecture> Architectures() => [.. Enum.GetValues<Architecture>()];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LogitsSeeOnlyEarlierSubpixels(Architecture architecture)
    {
        using var network = Network.Create(new NetworkConfig(architecture, Hidden: 12, Layers: 2, Head: 30), seed: 3);
        foreach ((int row, int column) in new[] { (0, 0), (0, 3), (2, 0), (2, 2), (4, 5) })
            for (int channel = 0; channel < 3; channel++)
            {
                bool[,,] dependence = DependenceOverInputs(network, Height, Width, row, column, channel);
                int target = Order(row, column, channel);
                bool seesEarlier = false;
                for (int y = 0; y < Height; y++)
                    for (int x = 0; x < Width; x++)
                        for (int c = 0; c < 3; c++)
                        {
                            if (Order(y, x, c) >= target)
                                Assert.False(dependence[y, x, c], $"{architecture}: sub-pixel ({row},{column},{channel}) depends on ({y},{x},{c})");
                            else
                                seesEarlier |= dependence[y, x, c];
                        }
                Assert.True(target == 0 || seesEarlier, $"{architecture}: sub-pixel ({row},{column},{channel}) depends on nothing before it");
            }
    }

    [Fact]
    public void OnlyTheDiagonalBiLstmSeesTheWholeContext()
    {
        // Seen from (7, 0), pixel (0, 15) lies outside the triangle a 7x7 input layer plus one
        // Row LSTM layer (one column per row) or a few 3x3 layers can reach; a Diagonal BiLSTM reaches everything.
        NetworkConfig Config(Architecture a) => new(a, Hidden: 12, Layers: 1, Head: 30);
        using var diagonal = Network.Create(Config(Architecture.DiagonalBiLstm), seed: 1);
        using var row = Network.Create(Config(Architecture.RowLstm), seed: 1);
        using var cnn = Network.Create(Config(Architecture.PixelCnn), seed: 1);
        Assert.True(DependenceOverInputs(diagonal, 8, 16, 7, 0, 0)[0, 15, 2]);
        Assert.False(DependenceOverInputs(row, 8, 16, 7, 0, 0)[0, 15, 2]);
        Assert.False(DependenceOverInputs(cnn, 8, 16, 7, 0, 0)[0, 15, 2]);
    }

    // A ReLU that happens to be off for one input hides a dependence; over a few random inputs it shows.
    private static bool[,,] DependenceOverInputs(Network network, int height, int width, int row, int column, int channel)
    {
        var any = new bool[height, width, 3];
        for (int trial = 0; trial < 4; trial++)
        {
            bool[,,] dependence = network.Dependence(height, width, row, column, channel);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    for (int c = 0; c < 3; c++)
                        any[y, x, c] |= dependence[y, x, c];
        }
        return any;
    }

    private static int Order(int row, int column, int channel) => (row * Width + column) * 3 + channel;
}
