using PixelCodec.Engine;
using PixelCodec.Entropy;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;
using PixelCodec.Tests.Engine;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Modeling;

public class MixtureModelTests
{
    [Fact]
    public void EncoderPassAndDecoderSessionGiveIdenticalValidTables()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, 6, 2, 9, seed: 5)));
        var mixture = new MixtureModel(neural, ContextModel.Instance);
        foreach (RasterImage image in new[] { SyntheticImages.Photo(13, 9, PixelFormat.Rgb), SyntheticImages.Noise(5, 7, PixelFormat.Rgb), SyntheticImages.Constant(4, 4, PixelFormat.Rgb, 0) })
            ModelContract.AssertEncoderMatchesDecoder(mixture, image.Pixels, new PlaneShape(image.Width, image.Height, 3));
    }

    [Fact]
    public void BlendingAModelWithItselfChangesNothing()
    {
        RasterImage image = SyntheticImages.Photo(24, 16, PixelFormat.Rgb);
        var shape = new PlaneShape(image.Width, image.Height, 3);
        Assert.Equal(Tables(ContextModel.Instance, image.Pixels, shape), Tables(new MixtureModel(ContextModel.Instance, ContextModel.Instance), image.Pixels, shape));
    }

    [Fact]
    public void FollowsWhicheverModelIsRightLately()
    {
        // Noise, so no model can learn it; the first model knows every value of the top half and is
        // sure of a wrong value in the bottom half, the second is uniform. Alone, each costs 8 bits per
        // sub-pixel; blended, the top half should cost almost nothing and the bottom half about 8 bits.
        RasterImage image = SyntheticImages.Noise(16, 16, PixelFormat.Rgb);
        var shape = new PlaneShape(16, 16, 3);
        int half = shape.SubpixelCount / 2;
        var oracle = new ScriptedModel(i => Peaked(i < half ? image.Pixels[i] : image.Pixels[i] ^ 0x80));
        var uniform = new ScriptedModel(_ => Enumerable.Repeat((ushort)256, 256).ToArray());

        double oracleBits = Bits(oracle, image.Pixels, shape), uniformBits = Bits(uniform, image.Pixels, shape);
        double mixtureBits = Bits(new MixtureModel(oracle, uniform), image.Pixels, shape);
        Assert.InRange(oracleBits, 7.9, 8.1);
        Assert.Equal(8.0, uniformBits, 6);
        Assert.InRange(mixtureBits, 3.9, 4.5);
    }

    [Fact]
    public void IdentityDependsOnBothModelsAndTheirOrder()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.PixelCnn, 4, 1, 8, seed: 1)));
        var mixture = new MixtureModel(neural, ContextModel.Instance);
        Assert.Equal("random+baseline", mixture.Identity.Name);
        Assert.NotEqual(mixture.Identity, new MixtureModel(ContextModel.Instance, neural).Identity);
        Assert.NotEqual(mixture.Identity, neural.Identity);
        // Files record this hash: changing the blending means a new versioned name.
        Assert.Equal("pixelcodec/mixture/v1", MixtureModel.PairVersionedName);
        Assert.Equal("6ec9f43ba60d89211ec5ded69c922fd20781b730c31eb63a0a0e4687e4319565",
            Convert.ToHexStringLower(new MixtureModel(ContextModel.Instance, ContextModel.Instance).Identity.Hash));
    }

    [Fact]
    public void ThreeExpertsGiveIdenticalValidTablesInEncoderAndDecoder()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.RowLstm, 6, 2, 9, seed: 5)));
        var mixture = MixtureModel.Of(neural, WeightedPredictorModel.Instance, ContextModel.Instance);
        foreach (RasterImage image in new[] { SyntheticImages.Photo(13, 9, PixelFormat.Rgb), SyntheticImages.Noise(5, 7, PixelFormat.Rgb) })
            ModelContract.AssertEncoderMatchesDecoder(mixture, image.Pixels, new PlaneShape(image.Width, image.Height, 3));
    }

    [Fact]
    public void AmongThreeExpertsFollowsTheOneThatIsRightLately()
    {
        // As above, with the oracle in the middle of two uniform models: the grid's weightings must find it.
        RasterImage image = SyntheticImages.Noise(16, 16, PixelFormat.Rgb);
        var shape = new PlaneShape(16, 16, 3);
        int half = shape.SubpixelCount / 2;
        var oracle = new ScriptedModel(i => Peaked(i < half ? image.Pixels[i] : image.Pixels[i] ^ 0x80));
        var uniform = new ScriptedModel(_ => Enumerable.Repeat((ushort)256, 256).ToArray());
        Assert.InRange(Bits(MixtureModel.Of(uniform, oracle, uniform), image.Pixels, shape), 3.9, 4.5);
    }

    [Fact]
    public void TheGridHoldsEveryWeightingInEighths()
    {
        BlendScheme grid = BlendScheme.Grid(3, 8);
        Assert.Equal(45, grid.Candidates.Count);
        Assert.All(grid.Candidates, c => Assert.Equal(64, c.Sum()));
        Assert.Equal(45, grid.Candidates.Select(c => string.Join(',', c)).Distinct().Count());
        Assert.Equal(9, BlendScheme.Pair.Candidates.Count);
    }

    [Fact]
    public void TheMixtureOfManyIsAModelOfItsOwn()
    {
        var mixture = MixtureModel.Of(WeightedPredictorModel.Instance, ContextModel.Instance, ContextModel.Instance);
        Assert.Equal("weighted+baseline+baseline", mixture.Identity.Name);
        Assert.Equal("pixelcodec/mixture/v2", MixtureModel.GridVersionedName);
        Assert.NotEqual(mixture.Identity, MixtureModel.Of(ContextModel.Instance, WeightedPredictorModel.Instance, ContextModel.Instance).Identity);
        Assert.NotEqual(MixtureModel.Of(ContextModel.Instance, ContextModel.Instance).Identity, new MixtureModel(ContextModel.Instance, ContextModel.Instance).Identity);
        Assert.Throws<ArgumentException>(() => MixtureModel.Of(ContextModel.Instance));
    }

    [Fact]
    public void OnlyCodesWhatBothModelsCode()
    {
        var neural = new NeuralModel("random", IntegerModelFile.Write(RandomIntegerModels.Create(Architecture.PixelCnn, 4, 1, 8, seed: 1)));
        var mixture = new MixtureModel(neural, ContextModel.Instance);
        Assert.True(mixture.SupportsChannels(3));
        Assert.False(mixture.SupportsChannels(1));
    }

    [Fact]
    public void CodeLengthIsMinusLog2In256thsOfABitRoundedUp()
    {
        Assert.Equal(0, CodeLength.Of(FrequencyTable.Total));
        Assert.Equal(256, CodeLength.Of(FrequencyTable.Total / 2));
        Assert.Equal(16 * 256, CodeLength.Of(1));
        for (int f = 1; f <= FrequencyTable.Total; f++)
        {
            double exact = -Math.Log2(f / (double)FrequencyTable.Total) * 256;
            Assert.InRange(CodeLength.Of(f), exact - 1e-9, exact + 1);
            if (f > 1)
                Assert.True(CodeLength.Of(f) <= CodeLength.Of(f - 1), $"not monotonic at {f}");
        }
    }

    private static ushort[] Peaked(int value)
    {
        var table = Enumerable.Repeat((ushort)1, FrequencyTable.Symbols).ToArray();
        table[value] = FrequencyTable.MaxFrequency;
        return table;
    }

    private static ushort[] Tables(IProbabilityModel model, byte[] plane, PlaneShape shape)
    {
        var tables = new ushort[shape.SubpixelCount * FrequencyTable.Symbols];
        IEncoderPass pass = model.BeginEncoding(plane, shape);
        for (int y = 0; y < shape.Height; y++)
            pass.TablesForRow(y, tables.AsSpan(y * shape.Stride * FrequencyTable.Symbols, shape.Stride * FrequencyTable.Symbols));
        return tables;
    }

    private static double Bits(IProbabilityModel model, byte[] plane, PlaneShape shape) => ModelContract.BitsPerSubpixel(model, plane, shape);

    /// <summary>A model whose table for sub-pixel i is given, whatever the values: enough to test blending.</summary>
    private sealed class ScriptedModel(Func<int, ushort[]> tableAt) : IProbabilityModel
    {
        public ModelIdentity Identity { get; } = ModelIdentity.OfFile("scripted", [1, 2, 3]);

        public bool SupportsChannels(int channels) => true;

        public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => new SequentialEncoderPass(BeginDecoding(shape), plane, shape);

        public IDecoderSession BeginDecoding(PlaneShape shape) => new Session(tableAt);

        private sealed class Session(Func<int, ushort[]> tableAt) : IDecoderSession
        {
            private int _next;

            public void NextTable(Span<ushort> table) => tableAt(_next).CopyTo(table);

            public void Observe(byte value) => _next++;
        }
    }
}
