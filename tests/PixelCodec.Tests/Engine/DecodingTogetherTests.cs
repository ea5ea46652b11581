using PixelCodec.Engine;
using PixelCodec.Entropy;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Tests.Engine;

/// <summary>
/// Planes decoded in step (the tiles of a plane, <see cref="IProbabilityModel.BeginDecodingTogether"/>)
/// get exactly the tables each gets decoded alone, for every architecture, for planes of different
/// sizes (members that finish early), and inside blends; a member out of step is refused.
/// </summary>
public class DecodingTogetherTests
{
    private static readonly PlaneShape[] Shapes = [new(5, 3, 3), new(2, 3, 3), new(5, 1, 3), new(1, 1, 3), new(4, 4, 3)];

    private static NeuralModel Random(Architecture architecture, int seed) =>
        new("random", IntegerModelFile.Write(RandomIntegerModels.Create(architecture, hidden: 7, layers: 2, head: 11, seed: seed)));

    /// <summary>Every member's tables, decoding in step, against each decoded alone.</summary>
    private static void AssertTogetherMatchesAlone(IProbabilityModel model)
    {
        byte[][] planes = [.. Shapes.Select((s, m) => IntegerNetworkTests.RandomPlane(s.Width, s.Height, seed: 10 + m))];
        ushort[][] alone = [.. Shapes.Select((s, m) => Tables(model.BeginDecoding(s), planes[m]))];

        IDecoderSession[] sessions = model.BeginDecodingTogether(Shapes);
        var together = Shapes.Select(s => new ushort[s.SubpixelCount * FrequencyTable.Symbols]).ToArray();
        for (int i = 0; i < Shapes.Max(s => s.SubpixelCount); i++)
            for (int m = 0; m < Shapes.Length; m++)
            {
                if (i >= Shapes[m].SubpixelCount)
                    continue;
                sessions[m].NextTable(together[m].AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols));
                sessions[m].Observe(planes[m][i]);
            }
        for (int m = 0; m < Shapes.Length; m++)
            Assert.True(alone[m].AsSpan().SequenceEqual(together[m]), $"member {m} ({Shapes[m].Width}x{Shapes[m].Height}) differs");
    }

    private static ushort[] Tables(IDecoderSession session, byte[] plane)
    {
        var tables = new ushort[plane.Length * FrequencyTable.Symbols];
        for (int i = 0; i < plane.Length; i++)
        {
            session.NextTable(tables.AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols));
            session.Observe(plane[i]);
        }
        return tables;
    }

    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    public void ANetworksTablesInStepAreItsTablesAlone(Architecture architecture) => AssertTogetherMatchesAlone(Random(architecture, seed: 3));

    [Fact]
    public void BlendsAndTheWeightedModelWithANetworkToo()
    {
        NeuralModel network = Random(Architecture.RowLstm, seed: 4);
        AssertTogetherMatchesAlone(MixtureModel.Of(network, WeightedPredictorModel.Instance, ContextModel.Instance));
        AssertTogetherMatchesAlone(new MixtureModel(network, ContextModel.Instance));
        AssertTogetherMatchesAlone(WeightedPredictorModel.With(network));
        AssertTogetherMatchesAlone(ContextModel.Instance);
    }

    [Fact]
    public void AMemberOutOfStepIsRefused()
    {
        IDecoderSession[] sessions = Random(Architecture.PixelCnn, seed: 5).BeginDecodingTogether([new(3, 2, 3), new(3, 2, 3)]);
        var table = new ushort[FrequencyTable.Symbols];
        sessions[0].NextTable(table);
        sessions[0].Observe(7);
        Assert.Throws<InvalidOperationException>(() => sessions[0].NextTable(table));
    }
}
