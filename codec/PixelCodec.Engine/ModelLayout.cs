using PixelCodec.Entropy;

namespace PixelCodec.Engine;

/// <summary>How a layer's input vector is made: one run of channels per tap, in weight order.</summary>
/// <param name="Channels">Channels the tap contributes.</param>
/// <param name="Period">Channels per colour-group block of the source (<see cref="ColourGroups"/>).</param>
/// <param name="Mask">Whether the tap is the current position of a source computed in the same pass, and so masked by colour.</param>
/// <param name="Scale">Which activation format the source is in (export folds it into the weights).</param>
public readonly record struct InputSegment(int Channels, int Period, CentreMask Mask, string Scale);

public enum CentreMask
{
    /// <summary>An earlier position: every channel visible.</summary>
    None,
    /// <summary>The current pixel, first layer: a group sees the colours before it.</summary>
    A,
    /// <summary>The current position: a group sees groups up to its own.</summary>
    B,
}

/// <summary>One layer of an integer model: its name, its rows (with their colour grouping) and its inputs.</summary>
public sealed record ConvLayout(string Name, int Outputs, int OutPeriod, IReadOnlyList<InputSegment> Segments, string OutputScale)
{
    public int Inputs => Segments.Sum(s => s.Channels);

    /// <summary>Whether output row <paramref name="output"/> may have a non-zero weight for input <paramref name="input"/>.</summary>
    public bool Visible(int output, int input)
    {
        int group = (output % OutPeriod) * 3 / OutPeriod;
        foreach (InputSegment segment in Segments)
        {
            if (input < segment.Channels)
            {
                int inputGroup = input % segment.Period * 3 / segment.Period;
                return segment.Mask switch
                {
                    CentreMask.None => true,
                    CentreMask.A => inputGroup < group,
                    _ => inputGroup <= group,
                };
            }
            input -= segment.Channels;
        }
        throw new ArgumentOutOfRangeException(nameof(input));
    }
}

/// <summary>
/// Every layer and vector an integer model of a given architecture and size holds, with the order of
/// each layer's inputs (the taps of <see cref="IntegerNetwork"/> and its layers) and the activation
/// format of each input and output. Export builds models from it; tests build random ones.
/// Scales: "image" (1/255), "stream", "layerN.reduce", "layerN.spatial", "head.hidden" (chosen at
/// export), "gate" (Q8), "hidden" (Q15), "mixed" (Q14), "logit" (Q8).
/// </summary>
public static class ModelLayout
{
    public const string Image = "image", Stream = "stream", Gate = "gate", Hidden = "hidden", Mixed = "mixed", Logit = "logit", HeadHidden = "head.hidden";

    /// <summary>Activation formats fixed by <see cref="FixedPoint"/>: log2 of 1 / scale.</summary>
    public static int? FixedBits(string scale) => scale switch
    {
        Gate => FixedPoint.GateBits,
        Hidden => FixedPoint.HiddenBits,
        Mixed => FixedPoint.HiddenBits - 1,
        Logit => FixedPoint.LogitBits,
        _ => null,
    };

    public static IEnumerable<ConvLayout> Convs(Architecture architecture, int hidden, int layers, int head)
    {
        int h = hidden, stream = 2 * h;
        var imageSegments = IntegerNetwork.InputTaps.Select(t => new InputSegment(3, 3, IsCentre(t) ? CentreMask.A : CentreMask.None, Image)).ToList();
        yield return new ConvLayout("input", stream, stream, imageSegments, Stream);
        for (int i = 0; i < layers; i++)
        {
            string name = $"layer{i}";
            switch (architecture)
            {
                case Architecture.PixelCnn:
                    yield return new ConvLayout($"{name}.reduce", h, h, [new(stream, stream, CentreMask.B, Stream)], $"{name}.reduce");
                    yield return new ConvLayout($"{name}.spatial", h, h,
                        [.. PixelCnnBlock.SpatialTaps.Select(t => new InputSegment(h, h, IsCentre(t) ? CentreMask.B : CentreMask.None, $"{name}.reduce"))], $"{name}.spatial");
                    yield return new ConvLayout($"{name}.expand", stream, stream, [new(h, h, CentreMask.B, $"{name}.spatial")], Stream);
                    break;
                case Architecture.RowLstm:
                    yield return new ConvLayout($"{name}.gates", 4 * h, h,
                        [.. RowLstmLayer.StateTaps.Select(_ => new InputSegment(h, h, CentreMask.None, Hidden)),
                         .. RowLstmLayer.InputTaps.Select(t => new InputSegment(stream, stream, IsCentre(t) ? CentreMask.B : CentreMask.None, Stream))], Gate);
                    yield return new ConvLayout($"{name}.output", stream, stream, [new(h, h, CentreMask.B, Hidden)], Stream);
                    break;
                default:
                    foreach (string direction in new[] { "left", "right" })
                        yield return new ConvLayout($"{name}.{direction}.gates", 4 * h, h,
                            [new(h, h, CentreMask.None, Hidden), new(h, h, CentreMask.None, Hidden), new(stream, stream, CentreMask.B, Stream)], Gate);
                    yield return new ConvLayout($"{name}.output", stream, stream, [new(h, h, CentreMask.B, Mixed)], Stream);
                    break;
            }
        }
        yield return new ConvLayout("head.hidden", head, head, [new(stream, stream, CentreMask.B, Stream)], HeadHidden);
        yield return new ConvLayout("head.logits", 3 * FrequencyTable.Symbols, 3 * FrequencyTable.Symbols, [new(head, head, CentreMask.B, HeadHidden)], Logit);
    }

    /// <summary>The learned initial states: name, and whether it is a hidden state (Q15) or a cell (Q12).</summary>
    public static IEnumerable<(string Name, bool IsCell)> InitialStates(Architecture architecture, int layers)
    {
        if (architecture == Architecture.PixelCnn)
            yield break;
        string[] prefixes = architecture == Architecture.RowLstm ? [""] : ["left.", "right."];
        for (int i = 0; i < layers; i++)
            foreach (string prefix in prefixes)
            {
                yield return ($"layer{i}.{prefix}initial_hidden", false);
                yield return ($"layer{i}.{prefix}initial_cell", true);
            }
    }

    private static bool IsCentre((int Dy, int Dx) tap) => tap == (0, 0);
}
