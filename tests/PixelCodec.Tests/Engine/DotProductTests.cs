using PixelCodec.Engine;

namespace PixelCodec.Tests.Engine;

/// <summary>The blocked kernels give the numbers of the one-row kernel, wrapping included; so do the layer outputs built on them.</summary>
public class DotProductTests
{
    private static short[] Vector(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1))];

    [Fact]
    public void TwoRowsByFourInputsAreEightDotProducts()
    {
        var random = new Random(9);
        const int length = 96, stride = 128;
        short[] row0 = Vector(random, length), row1 = Vector(random, length), inputs = Vector(random, 3 * stride + length);
        row0[0] = row1[0] = inputs[0] = inputs[1] = short.MinValue;   // the one pair whose products wrap
        var results = new int[8];
        DotProduct.Compute2x4(row0, row1, inputs, stride, length, results);
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(DotProduct.Compute(row0, inputs.AsSpan(p * stride, length)), results[p]);
            Assert.Equal(DotProduct.Compute(row1, inputs.AsSpan(p * stride, length)), results[4 + p]);
        }
    }

    [Fact]
    public void FourRowsByOneInputAreFourDotProducts()
    {
        var random = new Random(10);
        const int length = 160, stride = 192;
        short[] rows = Vector(random, 3 * stride + length), input = Vector(random, length);
        rows[0] = rows[1] = input[0] = input[1] = short.MinValue;
        var results = new int[4];
        DotProduct.Compute4x1(rows, stride, input, length, results);
        for (int r = 0; r < 4; r++)
            Assert.Equal(DotProduct.Compute(rows.AsSpan(r * stride, length), input), results[r]);
    }

    [Fact]
    public void LayerOutputsInBlocksAreTheRowByRowOutputs()
    {
        var random = new Random(11);
        const int outputs = 23, inputs = 70;
        short[] weights = Vector(random, outputs * inputs);
        for (int k = 40; k < inputs; k++)
            weights[5 * inputs + k] = 0;   // a row that stops early, as a masked row does
        var conv = new QuantizedConv(outputs, inputs, weights,
            [.. Enumerable.Range(0, outputs).Select(_ => random.Next())], [.. Enumerable.Range(0, outputs).Select(_ => random.Next(1 << 14))], [.. Enumerable.Range(0, outputs).Select(_ => 20)]);
        short[] input = [.. Vector(random, inputs), .. new short[conv.PaddedInputs - inputs]];

        var range = new long[outputs - 3];
        conv.OutputRange(2, outputs - 1, input, range);
        for (int o = 2; o < outputs - 1; o++)
            Assert.Equal(conv.Output(o, input), range[o - 2]);

        var four = new long[4];
        conv.Output4(1, 5, input, four);
        for (int k = 0; k < 4; k++)
            Assert.Equal(conv.Output(1 + 5 * k, input), four[k]);

        const int positions = 7;
        short[] matrix = [.. Enumerable.Range(0, positions).SelectMany(_ => (short[])[.. Vector(random, inputs), .. new short[conv.PaddedInputs - inputs]])];
        var all = new long[positions * outputs];
        conv.OutputRows(0, outputs, matrix, positions, all);
        for (int p = 0; p < positions; p++)
            for (int o = 0; o < outputs; o++)
                Assert.Equal(conv.Output(o, matrix.AsSpan(p * conv.PaddedInputs, conv.PaddedInputs)), all[p * outputs + o]);
    }
}
