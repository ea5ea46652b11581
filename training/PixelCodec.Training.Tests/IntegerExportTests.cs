using PixelCodec.Engine;
using PixelCodec.Entropy;
using PixelCodec.Modeling;
using PixelCodec.Training.Data;
using PixelCodec.Training.Export;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;

namespace PixelCodec.Training.Tests;

public class IntegerExportTests
{
    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    [InlineData(Architecture.MultiScaleRowLstm)]
    public void ATrainedModelExportsToAnIntegerModelThatCodesCloseToItsFloatNll(Architecture architecture)
    {
        using var data = new TestData();
        IImageCollection train = ImageSets.Open(GradientFolder(data, "train", 16, seed: 1));
        var config = new NetworkConfig(architecture, 12, 2, 24);
        using Network network = Network.Create(config, seed: 3);
        using (var trainer = new Trainer(network, OptimizerKind.Adam, 3e-3, 1.0))
        {
            var pixels = new byte[16 * 8 * 8 * 3];
            for (int i = 0; i < 16; i++)
                train.Decode(i, pixels.AsSpan(i * 192, 192));
            for (int step = 0; step < 200; step++)
                trainer.Step(new ImageBatch(16, 8, 8, pixels));
        }
        var model = new FloatModel(config, new Dictionary<string, string>(), network.ReadParameters());

        IntegerModel integer = IntegerExport.Export(model, IntegerEvaluation.Calibration(train, 16));

        // Measured on the training images: the question is what quantisation costs, not how well 16 images generalise.
        double floatBits = Evaluation.BitsPerSubpixel(network, train);
        double integerBits = IntegerEvaluation.BitsPerSubpixel(integer, train);
        Assert.True(floatBits < 7.0, $"the network did not learn ({floatBits:0.000} bits/dim), so the comparison would say little");
        Assert.True(Math.Abs(integerBits / floatBits - 1) < 0.02, $"float {floatBits:0.0000} vs integer {integerBits:0.0000} bits/dim");
    }

    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    [InlineData(Architecture.MultiScaleRowLstm)]
    public void AnExportedModelGivesTheDecoderTheEncodersTablesOnAnOddSizedImage(Architecture architecture)
    {
        using var data = new TestData();
        var config = new NetworkConfig(architecture, 9, 2, 15);
        using Network network = Network.Create(config, seed: 4);
        IntegerModel integer = IntegerExport.Export(new FloatModel(config, new Dictionary<string, string>(), network.ReadParameters()),
            IntegerEvaluation.Calibration(ImageSets.Open(data.PngFolder("calibration", 4, size: 8)), 4));
        const int width = 7, height = 5;
        var pixels = new byte[width * height * 3];
        new Random(5).NextBytes(pixels);

        var encoder = IntegerNetwork.ForImage(integer, pixels, width);
        var decoder = new IntegerNetwork(integer, width);
        if (decoder.IsConditional)
            decoder.Condition(Subsample.Of(pixels, new PlaneShape(width, height, 3)));
        var rowTables = new ushort[width * 3 * FrequencyTable.Symbols];
        var table = new ushort[FrequencyTable.Symbols];
        for (int y = 0; y < height; y++)
        {
            encoder.EncodeRow(y, pixels.AsSpan(y * width * 3, width * 3), rowTables);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                {
                    decoder.Table(y, x, c, table);
                    int i = 3 * x + c;
                    Assert.True(table.AsSpan().SequenceEqual(rowTables.AsSpan(i * FrequencyTable.Symbols, FrequencyTable.Symbols)), $"({y}, {x}, {c})");
                    decoder.Observe(y, x, c, pixels[y * width * 3 + i]);
                }
        }
    }

    [Fact]
    public void AMultiScaleNetworkLearnsFromTheSubsampleAndItsExportReadsTheSameSubsample()
    {
        // The subsample is computed twice, in the shim (box_subsample) and in the codec (Subsample.Of):
        // if they differed, the integer model would code the training images far worse than the float
        // one, and given another image's subsample it would code them no worse.
        using var data = new TestData();
        IImageCollection train = ImageSets.Open(GradientFolder(data, "train", 16, seed: 2));
        var start = new NetworkConfig(Architecture.RowLstm, 12, 2, 24);
        var config = start with { Architecture = Architecture.MultiScaleRowLstm };
        Assert.True(config.CanStartFrom(start));
        using Network network = Network.Create(config, seed: 5);
        var pixels = new byte[16 * 8 * 8 * 3];
        for (int i = 0; i < 16; i++)
            train.Decode(i, pixels.AsSpan(i * 192, 192));
        using (var trainer = new Trainer(network, OptimizerKind.Adam, 3e-3, 1.0))
            for (int step = 0; step < 200; step++)
                trainer.Step(new ImageBatch(16, 8, 8, pixels));
        IntegerModel integer = IntegerExport.Export(new FloatModel(config, new Dictionary<string, string>(), network.ReadParameters()), IntegerEvaluation.Calibration(train, 16));

        double floatBits = Evaluation.BitsPerSubpixel(network, train);
        double integerBits = IntegerEvaluation.BitsPerSubpixel(integer, train);
        Assert.True(Math.Abs(integerBits / floatBits - 1) < 0.02, $"float {floatBits:0.0000} vs integer {integerBits:0.0000} bits/dim");

        var shape = new PlaneShape(8, 8, 3);
        double own = 0, others = 0;
        for (int i = 0; i < 16; i++)
        {
            ReadOnlySpan<byte> image = pixels.AsSpan(i * 192, 192);
            own += IntegerCodeLength(integer, image, Subsample.Of(image, shape));
            others += IntegerCodeLength(integer, image, Subsample.Of(pixels.AsSpan((i + 1) % 16 * 192, 192), shape));
        }
        Assert.True(own < 0.95 * others, $"given its own subsample {own / (16 * 192):0.000} bits/dim, another image's {others / (16 * 192):0.000}: the network does not use it");
    }

    [Fact]
    public void AMultiScaleNetworkStartedFromARowLstmCodesAsItDoes()
    {
        // Its layers that read the subsample start at zero, so fine-tuning starts where the Row LSTM is.
        using var data = new TestData();
        IImageCollection images = ImageSets.Open(GradientFolder(data, "images", 4, seed: 3));
        var rowConfig = new NetworkConfig(Architecture.RowLstm, 9, 2, 15);
        using Network row = Network.Create(rowConfig, seed: 6);
        using Network multiScale = Network.Create(rowConfig with { Architecture = Architecture.MultiScaleRowLstm }, seed: 7);
        double before = Evaluation.BitsPerSubpixel(multiScale, images);
        multiScale.StartFrom(new FloatModel(rowConfig, new Dictionary<string, string>(), row.ReadParameters()));
        double rowBits = Evaluation.BitsPerSubpixel(row, images);
        Assert.NotEqual(rowBits, before);
        Assert.Equal(rowBits, Evaluation.BitsPerSubpixel(multiScale, images), 5);
        Assert.Throws<TrainingException>(() => row.StartFrom(new FloatModel(multiScale.Config, new Dictionary<string, string>(), multiScale.ReadParameters())));
    }

    private static double IntegerCodeLength(IntegerModel model, ReadOnlySpan<byte> image, byte[] subsample)
    {
        var network = new IntegerNetwork(model, 8);
        network.Condition(subsample);
        var tables = new ushort[8 * 3 * FrequencyTable.Symbols];
        double bits = 0;
        for (int y = 0; y < 8; y++)
        {
            network.EncodeRow(y, image.Slice(y * 24, 24), tables);
            for (int s = 0; s < 24; s++)
                bits += FrequencyTable.IdealBits(tables.AsSpan(s * FrequencyTable.Symbols, FrequencyTable.Symbols), image[y * 24 + s]);
        }
        return bits;
    }

    /// <summary>8x8 images a small network can learn: a random colour gradient plus a little noise.</summary>
    private static string GradientFolder(TestData data, string name, int count, int seed)
    {
        string folder = data.Path(name);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var image = new PixelCodec.Imaging.RasterImage(8, 8, PixelCodec.Imaging.PixelFormat.Rgb);
            int[] start = [random.Next(40, 200), random.Next(40, 200), random.Next(40, 200)];
            int dx = random.Next(-4, 5), dy = random.Next(-4, 5);
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    for (int c = 0; c < 3; c++)
                        image.Pixels[(y * 8 + x) * 3 + c] = (byte)(start[c] + dx * x + dy * y + random.Next(-2, 3));
            File.WriteAllBytes(System.IO.Path.Combine(folder, $"{i:D3}.png"), PixelCodec.Imaging.PngWriter.Encode(image));
        }
        return folder;
    }
}
