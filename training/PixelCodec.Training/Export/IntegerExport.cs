using System.Globalization;
using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Export;

/// <summary>A calibration image: RGB, interleaved.</summary>
public sealed record CalibrationImage(int Width, int Height, byte[] Pixels);

/// <summary>
/// Float model to integer model (post-training quantisation).
/// <list type="bullet">
/// <item>Weights: per output row, the row's weights times the scale of the input each one multiplies are
/// rounded to int16 in +-1023 (an input scale folded into the weights lets one row read inputs of different
/// formats, like an LSTM's hidden state beside the residual stream).</item>
/// <item>Activations: fixed formats where FixedPoint says so; the others ("stream", PixelCNN's inner maps,
/// the head) get a power-of-two scale from calibration: the integer network itself runs over the
/// calibration images, twice, recording each activation's largest magnitude, and the scale puts it at
/// 8191 (a quarter of int16, headroom for images unlike the calibration ones).</item>
/// <item>Requantisation: the ratio of a row's accumulator scale to its output scale as multiplier / 2^shift,
/// the multiplier in [2^14, 2^15].</item>
/// </list>
/// </summary>
public static class IntegerExport
{
    private const int WeightLimit = 1023;
    private const int CalibratedTarget = 8191;
    private const int ProvisionalBits = 8;

    public static IntegerModel Export(FloatModel model, IReadOnlyList<CalibrationImage> calibration)
    {
        if (calibration.Count == 0)
            throw new TrainingException("export needs at least one calibration image");
        var layers = new FloatLayers(model);
        var bits = new Dictionary<string, int>();
        IntegerModel integer = Build(model, layers, bits);
        for (int pass = 0; pass < 2; pass++)
        {
            var ranges = new ActivationRanges();
            foreach (CalibrationImage image in calibration)
            {
                var network = IntegerNetwork.ForImage(integer, image.Pixels, image.Width, ranges);
                var tables = new ushort[image.Width * 3 * 256];
                for (int y = 0; y < image.Height; y++)
                    network.EncodeRow(y, image.Pixels.AsSpan(y * image.Width * 3, image.Width * 3), tables);
            }
            foreach ((string name, ActivationRange range) in ranges.All)
            {
                double largest = range.MaxMagnitude * Math.Pow(2, -Bits(bits, name));
                bits[name] = largest > 0 ? Math.Clamp((int)Math.Floor(Math.Log2(CalibratedTarget / largest)), 0, 15) : 15;
            }
            integer = Build(model, layers, bits);
        }
        return integer;
    }

    private static IntegerModel Build(FloatModel model, FloatLayers layers, Dictionary<string, int> bits)
    {
        NetworkConfig config = model.Config;
        var convs = new Dictionary<string, QuantizedConv>();
        foreach (ConvLayout layout in ModelLayout.Convs(config.Architecture, config.Hidden, config.Layers, config.Head))
        {
            (float[] weights, float[] bias) = layers.For(layout);
            convs[layout.Name] = Quantize(layout, weights, bias, bits);
        }
        Dictionary<string, int[]> vectors = NonlinearityTables.Build();
        foreach ((string name, bool isCell) in ModelLayout.InitialStates(config.Architecture, config.Layers))
        {
            int fraction = isCell ? FixedPoint.CellBits : FixedPoint.HiddenBits;
            int limit = isCell ? FixedPoint.CellLimit : short.MaxValue;
            vectors[name] = [.. layers.Vector(name).Select(v => (int)Math.Clamp(Math.Round(v * Math.Pow(2, fraction)), -limit, limit))];
        }
        var provenance = new Dictionary<string, string>(model.Provenance)
        {
            ["activation_bits"] = string.Join(", ", bits.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))),
        };
        return new IntegerModel(config.Architecture, config.Hidden, config.Layers, config.Head, provenance, convs, vectors);
    }

    private static QuantizedConv Quantize(ConvLayout layout, float[] weights, float[] bias, Dictionary<string, int> bits)
    {
        int outputs = layout.Outputs, inputs = layout.Inputs;
        var inputScale = new double[inputs];
        int k0 = 0;
        foreach (InputSegment segment in layout.Segments)
        {
            double scale = segment.Scale == ModelLayout.Image ? 1.0 / FixedPoint.ImageScale : Math.Pow(2, -Bits(bits, segment.Scale));
            Array.Fill(inputScale, scale, k0, segment.Channels);
            k0 += segment.Channels;
        }
        double outputScale = Math.Pow(2, -Bits(bits, layout.OutputScale));
        var q = new short[outputs * inputs];
        int[] qBias = new int[outputs], multiplier = new int[outputs], shift = new int[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double largest = 0;
            for (int k = 0; k < inputs; k++)
                if (layout.Visible(o, k))
                    largest = Math.Max(largest, Math.Abs(weights[o * inputs + k] * inputScale[k]));
            double rowScale = largest > 0 ? largest / WeightLimit : Math.Pow(2, -20);
            for (int k = 0; k < inputs; k++)
                if (layout.Visible(o, k))
                    q[o * inputs + k] = (short)Math.Round(weights[o * inputs + k] * inputScale[k] / rowScale);
            qBias[o] = (int)Math.Clamp(Math.Round(bias[o] / rowScale), int.MinValue / 2, int.MaxValue / 2);
            (multiplier[o], shift[o]) = Requantisation(rowScale / outputScale);
        }
        return new QuantizedConv(outputs, inputs, q, qBias, multiplier, shift);
    }

    /// <summary>ratio ~ multiplier / 2^shift with the multiplier in [2^14, 2^15] and the shift in [1, 62].</summary>
    internal static (int Multiplier, int Shift) Requantisation(double ratio)
    {
        int shift = Math.Clamp(14 - (int)Math.Floor(Math.Log2(ratio)), 1, 62);
        return ((int)Math.Min(Math.Round(ratio * Math.Pow(2, shift)), int.MaxValue), shift);
    }

    private static int Bits(Dictionary<string, int> bits, string scale) =>
        ModelLayout.FixedBits(scale) ?? (bits.TryGetValue(scale, out int b) ? b : ProvisionalBits);
}
