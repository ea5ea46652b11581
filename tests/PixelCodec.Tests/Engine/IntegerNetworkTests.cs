using PixelCodec.Engine;
using PixelCodec.Modeling;
using PixelCodec.Tests.Modeling;

namespace PixelCodec.Tests.Engine;

public class IntegerNetworkTests
{
    public static TheoryData<Architecture, int, int> Shapes()
    {
        var data = new TheoryData<Architecture, int, int>();
        foreach (Architecture architecture in Enum.GetValues<Architecture>())
            foreach ((int width, int height) in new[] { (1, 1), (1, 5), (7, 1), (5, 3), (9, 7) })
                data.Add(architecture, width, height);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EncoderPassAndIncrementalDecoderGiveIdenticalTables(Architecture architecture, int width, int height)
    {
        IntegerModel model = RandomIntegerModels.Create(architecture, hidden: 7, layers: 2, head: 11, seed: width * 31 + height);
        var neural = new NeuralModel("random", IntegerModelFile.Write(model));
        byte[] plane = RandomPlane(width, height, seed: 5);
        ModelContract.AssertEncoderMatchesDecoder(neural, plane, new PlaneShape(width, height, 3));
    }

    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    public void TablesDependOnEarlierPixelsSoTheAgreementIsNotTrivial(Architecture architecture)
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(architecture, 6, 2, 9, seed: 3)));
        byte[] a = RandomPlane(6, 4, seed: 1), b = (byte[])a.Clone();
        b[0] ^= 0x80;  // the first red value: every later table may change
        var shape = new PlaneShape(6, 4, 3);
        Assert.NotEqual(LastRowTables(neural, a, shape), LastRowTables(neural, b, shape));
    }

    [Theory]
    [InlineData(Architecture.PixelCnn, "layer1.spatial")]
    [InlineData(Architecture.RowLstm, "layer0.gates")]
    [InlineData(Architecture.DiagonalBiLstm, "layer1.left.gates")]
    [InlineData(Architecture.DiagonalBiLstm, "head.logits")]
    public void AWeightThatBreaksTheMaskMakesTheDecoderDisagree(Architecture architecture, string layer)
    {
        // Let one layer see later colours at the current position: the check above must then fail.
        IntegerModel model = RandomIntegerModels.Create(architecture, 6, 2, 9, seed: 4, extraVisible: (l, o, k) => l.Name == layer);
        var neural = new NeuralModel("leaky", IntegerModelFile.Write(model));
        byte[] plane = RandomPlane(5, 4, seed: 2);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ModelContract.AssertEncoderMatchesDecoder(neural, plane, new PlaneShape(5, 4, 3)));
    }

    private static ushort[] LastRowTables(NeuralModel model, byte[] plane, PlaneShape shape)
    {
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        var tables = new ushort[shape.Stride * 256];
        for (int y = 0; y < shape.Height; y++)
            pass.TablesForRow(y, tables);
        return tables;
    }

    internal static byte[] RandomPlane(int width, int height, int seed)
    {
        var plane = new byte[width * height * 3];
        new Random(seed).NextBytes(plane);
        return plane;
    }
}
