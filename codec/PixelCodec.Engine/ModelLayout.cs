using PixelCodec.Entropy;

namespace PixelCodec.Engine;

/// <summary>How a layer's input vector is made: one run of channels per tap, in weight order.</summary>
/// <param name="Channels">Channels the tap contributes.</param>
/// <param name="Period">Channels per colour-group block of the source (<see cref="ColourGroups"/>).</param>
/// <param name="Mask">Whether the tap is the current position of a source computed in the same pass, and so masked by colour.</param>
/// <param name="Scale">Which activation format the source is in (export folds it into the weights).</param>
/// <param name="Source">Where the float model holds these weights.</param>
public readonly record struct InputSegment(int Channels, int Period, CentreMask Mask, string Scale, FloatTap Source);

/// <summary>
/// Where an input segment's weights are in a float model: kernel position (<see cref="Row"/>,
/// <see cref="Column"/>) of a convolution weight [outputs, channels, rows, columns], or position
/// <see cref="Column"/> of a Conv1d weight [outputs, channels, k].
/// </summary>
/// <param name="Tensor">The name of the float model's weight tensor.</param>
/// <param name="Row">The kernel row; 0 for a Conv1d.</param>
/// <param name="Column">The kernel column, or the Conv1d position.</param>
/// <param name="IsConv1d">Whether <paramref name="Tensor"/> is a Conv1d weight [outputs, channels, k].</param>
public readonly record struct FloatTap(string Tensor, int Row, int Column, bool IsConv1d)
{
    /// <summary>Kernel position (<paramref name="row"/>, <paramref name="column"/>) of convolution weight <paramref name="tensor"/>.</summary>
    public static FloatTap Kernel(string tensor, int row, int column) => new(tensor, row, column, IsConv1d: false);

    /// <summary>Position <paramref name="index"/> of Conv1d weight <paramref name="tensor"/>.</summary>
    public static FloatTap Conv1d(string tensor, int index) => new(tensor, 0, index, IsConv1d: true);
}

/// <summary>
/// Which channels of a tap an output row may see. Rows and channels fall into three colour groups
/// (R, G, B): the thirds of each block of the output's OutPeriod rows or of the source's Period channels.
/// </summary>
public enum CentreMask
{
    /// <summary>An earlier position: every channel visible.</summary>
    None,
    /// <summary>The current pixel, first layer: a group sees the colours before it.</summary>
    A,
    /// <summary>The current position: a group sees groups up to its own.</summary>
    B,
}

/// <summary>
/// One layer of an integer model: its name, its rows (with their colour grouping), its inputs, and the
/// float model's bias vectors that sum to its bias (two convolutions feeding the same LSTM gates are
/// one integer layer).
/// </summary>
/// <param name="Name">The layer's name in the model file ("layer0.gates").</param>
/// <param name="Outputs">Output rows.</param>
/// <param name="OutPeriod">Rows per colour-group block of the output (<see cref="ColourGroups"/>).</param>
/// <param name="Segments">The inputs, in weight order.</param>
/// <param name="OutputScale">The activation format of the outputs (a scale of <see cref="ModelLayout"/>).</param>
/// <param name="FloatBiases">The float model's bias vectors that sum to the layer's bias.</param>
public sealed record ConvLayout(string Name, int Outputs, int OutPeriod, IReadOnlyList<InputSegment> Segments, string OutputScale, IReadOnlyList<string> FloatBiases)
{
    /// <summary>A layer that is one masked convolution of the float model, NAME.conv.</summary>
    public static ConvLayout Of(string name, int outputs, int outPeriod, IReadOnlyList<InputSegment> segments, string outputScale) =>
        new(name, outputs, outPeriod, segments, outputScale, [$"{name}.conv.bias"]);

    /// <summary>Length of the input vector: the channels of every segment.</summary>
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
/// Scales: "image" (1/255), "stream", "layerN.reduce", "layerN.spatial", "head.hidden",
/// "condition.small0", "condition.small1", "condition.up" (chosen at
/// export), "gate" (Q8), "hidden" (Q15), "mixed" (Q14), "logit" (Q8).
/// </summary>
public static class ModelLayout
{
    /// <summary>
    /// Names of the scales: the image input (1/255), the stream between layers, gate pre-activations
    /// (Q8), hidden states (Q15), the Diagonal BiLSTM's mixed state (Q14), logits (Q8), the head's hidden
    /// layer.
    /// </summary>
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

    /// <summary>
    /// Every layer of a model of this architecture and size, in the order the engine runs them: the
    /// subsample's map (conditional networks only), input, trunk layers, head.
    /// </summary>
    public static IEnumerable<ConvLayout> Convs(Architecture architecture, int hidden, int layers, int head)
    {
        ArchitectureDescription description = ArchitectureDescription.Of(architecture);
        int stream = 2 * hidden, condition = description.ConditionChannels(hidden);
        if (condition > 0)
            foreach (ConvLayout layout in ConditionMap.Layouts(condition))
                yield return layout;
        yield return ConvLayout.Of("input", stream, stream,
            [.. IntegerNetwork.InputTaps.Select(t => new InputSegment(3, 3, IsCentre(t) ? CentreMask.A : CentreMask.None, Image, FloatTap.Kernel("input.conv.weight", t.Dy + 3, t.Dx + 3)))], Stream);
        for (int i = 0; i < layers; i++)
            foreach (ConvLayout layer in description.LayerConvs(i, hidden))
                yield return layer;
        yield return ConvLayout.Of(HeadHidden, head, head, [new(stream, stream, CentreMask.B, Stream, FloatTap.Kernel("head.hidden.conv.weight", 0, 0))], HeadHidden);
        yield return ConvLayout.Of("head.logits", 3 * FrequencyTable.Symbols, 3 * FrequencyTable.Symbols,
            [new(head, head, CentreMask.B, HeadHidden, FloatTap.Kernel("head.logits.conv.weight", 0, 0))], Logit);
    }

    /// <summary>The learned initial states: name, and whether it is a hidden state (Q15) or a cell (Q12).</summary>
    public static IEnumerable<(string Name, bool IsCell)> InitialStates(Architecture architecture, int layers)
    {
        IReadOnlyList<string> directions = ArchitectureDescription.Of(architecture).StateDirections;
        for (int i = 0; i < layers; i++)
            foreach (string prefix in directions)
            {
                yield return ($"layer{i}.{prefix}initial_hidden", false);
                yield return ($"layer{i}.{prefix}initial_cell", true);
            }
    }

    private static bool IsCentre((int Dy, int Dx) tap) => tap == (0, 0);
}
