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
        var shape = new PlaneShape(width, height, 3);
        // A multi-scale network is given the plane's subsample, as the codec gives it; the others ignore it.
        ModelContract.AssertEncoderMatchesDecoder(neural.Given(Subsample.Of(plane, shape)), plane, shape);
    }

    [Fact]
    public void AMultiScaleNetworksTablesDependOnTheSubsampleAndItCodesNothingWithoutOne()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.MultiScaleRowLstm, 6, 2, 9, seed: 8)));
        var shape = new PlaneShape(7, 5, 3);
        byte[] plane = RandomPlane(7, 5, seed: 3), subsample = Subsample.Of(plane, shape);
        byte[] other = [.. subsample.Select(v => (byte)(255 - v))];
        Assert.True(neural.NeedsSubsample);
        Assert.NotEqual(LastRowTables(neural.Given(subsample), plane, shape), LastRowTables(neural.Given(other), plane, shape));
        Assert.Throws<InvalidOperationException>(() => neural.BeginEncoding(plane, shape));
        Assert.Throws<InvalidOperationException>(() => neural.BeginDecoding(shape));
        var network = new IntegerNetwork(RandomIntegerModels.Create(Architecture.MultiScaleRowLstm, 6, 2, 9, seed: 8), 7);
        Assert.Throws<ArgumentException>(() => network.Condition(new byte[5]));
    }

    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    [InlineData(Architecture.MultiScaleRowLstm)]
    public void TablesDependOnEarlierPixelsSoTheAgreementIsNotTrivial(Architecture architecture)
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(architecture, 6, 2, 9, seed: 3)));
        byte[] a = RandomPlane(6, 4, seed: 1), b = (byte[])a.Clone();
        b[0] ^= 0x80;  // the first red value: every later table may change
        var shape = new PlaneShape(6, 4, 3);
        byte[] subsample = Subsample.Of(a, shape);   // the same for both: what differs is the earlier pixel
        Assert.NotEqual(LastRowTables(neural.Given(subsample), a, shape), LastRowTables(neural.Given(subsample), b, shape));
    }

    [Theory]
    [InlineData(Architecture.PixelCnn, "layer1.spatial")]
    [InlineData(Architecture.RowLstm, "layer0.gates")]
    [InlineData(Architecture.DiagonalBiLstm, "layer1.left.gates")]
    [InlineData(Architecture.DiagonalBiLstm, "head.logits")]
    [InlineData(Architecture.MultiScaleRowLstm, "layer1.gates")]
    public void AWeightThatBreaksTheMaskMakesTheDecoderDisagree(Architecture architecture, string layer)
    {
        // Let one layer see later colours at the current position: the check above must then fail.
        IntegerModel model = RandomIntegerModels.Create(architecture, 6, 2, 9, seed: 4, extraVisible: (l, o, k) => l.Name == layer);
        var neural = new NeuralModel("leaky", IntegerModelFile.Write(model));
        byte[] plane = RandomPlane(5, 4, seed: 2);
        var shape = new PlaneShape(5, 4, 3);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ModelContract.AssertEncoderMatchesDecoder(neural.Given(Subsample.Of(plane, shape)), plane, shape));
    }

    private static ushort[] LastRowTables(IProbabilityModel model, byte[] plane, PlaneShape shape)
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
