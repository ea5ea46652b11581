using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Tests;

public class FloatModelFileTests
{
    [Theory]
    [InlineData(Architecture.PixelCnn)]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.DiagonalBiLstm)]
    public void WeightsSurviveTheFileExactly(Architecture architecture)
    {
        using var data = new TestData();
        var config = new NetworkConfig(architecture, 6, 2, 9);
        using var original = Network.Create(config, seed: 4);
        var provenance = new Dictionary<string, string> { ["steps"] = "12" };
        string path = data.Path("m.pxfm");
        using (var file = File.Create(path))
            FloatModelFile.Write(new FloatModel(config, provenance, original.ReadParameters()), file);

        FloatModel read = FloatModelFile.Read(path);
        Assert.Equal(config, read.Config);
        Assert.Equal("12", read.Provenance["steps"]);
        using var copy = Network.Create(read.Config, seed: 99);
        copy.WriteParameters(read.Tensors);
        IReadOnlyList<NamedTensor> a = original.ReadParameters(), b = copy.ReadParameters();
        Assert.Equal(a.Select(t => t.Name), b.Select(t => t.Name));
        Assert.All(a.Zip(b), pair => Assert.Equal(pair.First.Values, pair.Second.Values));
        Assert.Contains(a, t => t.Name.EndsWith("initial_hidden") || architecture == Architecture.PixelCnn);
    }

    [Fact]
    public void WeightsHiddenByTheMasksAreExactlyZeroAfterTraining()
    {
        var config = new NetworkConfig(Architecture.PixelCnn, 6, 1, 6);
        using var network = Network.Create(config, seed: 2);
        using (var trainer = new Trainer(network, OptimizerKind.Adam, 1e-2, 1.0))
            for (int step = 0; step < 5; step++)
                trainer.Step(new ImageBatch(1, 8, 8, TestData.Image(8, step).Pixels));

        // input.conv.weight is the 7x7 mask-A kernel cut to [2h, 3, 4 rows, 7 columns]; the last row is the centre row.
        NamedTensor input = network.ReadParameters().Single(t => t.Name == "input.conv.weight");
        int outputs = input.Shape[0];
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < 3; i++)
                for (int column = 3; column < 7; column++)
                {
                    bool hidden = column > 3 || i >= o * 3 / outputs;
                    float value = input.Values[((o * 3 + i) * 4 + 3) * 7 + column];
                    Assert.True(!hidden || value == 0f, $"output {o}, input {i}, centre-row column {column}: {value}");
                }
        Assert.Contains(input.Values, v => v != 0f);
    }

    [Fact]
    public void DamagedOrForeignFilesAreClearErrors()
    {
        using var data = new TestData();
        Assert.Contains("does not exist", Assert.Throws<TrainingException>(() => FloatModelFile.Read(data.Path("none.pxfm"))).Message);
        File.WriteAllText(data.Path("text.pxfm"), "hello");
        Assert.Contains("not a PixelCodec float model", Assert.Throws<TrainingException>(() => FloatModelFile.Read(data.Path("text.pxfm"))).Message);

        var config = new NetworkConfig(Architecture.PixelCnn, 3, 1, 3);
        using var network = Network.Create(config, 1);
        using (var file = File.Create(data.Path("ok.pxfm")))
            FloatModelFile.Write(new FloatModel(config, new Dictionary<string, string>(), network.ReadParameters()), file);
        byte[] bytes = File.ReadAllBytes(data.Path("ok.pxfm"));
        File.WriteAllBytes(data.Path("cut.pxfm"), bytes[..(bytes.Length - 10)]);
        Assert.Contains("not a valid float model", Assert.Throws<TrainingException>(() => FloatModelFile.Read(data.Path("cut.pxfm"))).Message);

        using var other = Network.Create(config with { Hidden = 6 }, 1);
        Assert.Contains("the network expects", Assert.Throws<TrainingException>(() => other.WriteParameters(network.ReadParameters())).Message);
    }

    [Fact]
    public void LengthsAndSizesAreCheckedBeforeTheyAllocate()
    {
        using var data = new TestData();
        byte[] Header(string json, int? declaredLength = null)
        {
            byte[] text = System.Text.Encoding.UTF8.GetBytes(json);
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream);
            writer.Write("PXFM"u8);
            writer.Write((ushort)FloatModelFile.CurrentVersion);
            writer.Write(declaredLength ?? text.Length);
            writer.Write(text);
            return stream.ToArray();
        }
        string Error(byte[] file)
        {
            File.WriteAllBytes(data.Path("hostile.pxfm"), file);
            return Assert.Throws<TrainingException>(() => FloatModelFile.Read(data.Path("hostile.pxfm"))).Message;
        }
        const string Sizes = "{\"architecture\":\"PixelCnn\",\"hidden\":4,\"layers\":1,\"head\":8}";
        Assert.Contains("longer than the file", Error(Header(Sizes, declaredLength: int.MaxValue)));
        Assert.Contains("exceed the limits", Error(Header(Sizes.Replace("\"hidden\":4", "\"hidden\":100000000"))));
        // A count of two billion tensors, and then one tensor of 2^31 x 2^31 floats, in a few bytes.
        Assert.Contains("cannot hold the tensors it counts", Error([.. Header(Sizes), .. BitConverter.GetBytes(int.MaxValue)]));
        byte[] huge = [.. Header(Sizes), .. BitConverter.GetBytes(1), 1, 0, (byte)'w', 2, .. BitConverter.GetBytes(int.MaxValue), .. BitConverter.GetBytes(int.MaxValue)];
        Assert.Contains("ends inside a tensor", Error(huge));
    }
}
