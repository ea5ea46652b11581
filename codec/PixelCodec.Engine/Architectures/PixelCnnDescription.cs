namespace PixelCodec.Engine;

/// <summary>PixelCNN's residual block: 1x1 reduce to h, 3x3 mask B, 1x1 expand to 2h (<see cref="PixelCnnBlock"/>).</summary>
internal sealed class PixelCnnDescription : ArchitectureDescription
{
    public static readonly PixelCnnDescription Instance = new();

    public override Architecture Architecture => Architecture.PixelCnn;

    public override string NativeName => "pixelcnn";

    public override IReadOnlyList<string> StateDirections => [];

    public override IEnumerable<ConvLayout> LayerConvs(int index, int hidden)
    {
        int h = hidden, stream = 2 * h;
        string name = Layer(index), reduce = $"{name}.reduce", spatial = $"{name}.spatial", expand = $"{name}.expand";
        yield return ConvLayout.Of(reduce, h, h, [new(stream, stream, CentreMask.B, ModelLayout.Stream, FloatTap.Kernel($"{reduce}.conv.weight", 0, 0))], reduce);
        yield return ConvLayout.Of(spatial, h, h,
            [.. PixelCnnBlock.SpatialTaps.Select(t => new InputSegment(h, h, IsCentre(t) ? CentreMask.B : CentreMask.None, reduce, FloatTap.Kernel($"{spatial}.conv.weight", t.Dy + 1, t.Dx + 1)))], spatial);
        yield return ConvLayout.Of(expand, stream, stream, [new(h, h, CentreMask.B, spatial, FloatTap.Kernel($"{expand}.conv.weight", 0, 0))], ModelLayout.Stream);
    }

    internal override IEngineLayer CreateLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, FeatureRows? condition, NonlinearityTables tables, ActivationRanges? ranges, int rowsInFlight) =>
        new PixelCnnBlock(model, index, input, output, ranges, rowsInFlight);

    /// <summary>4: the 7x7 mask-A input layer reads three columns right in the rows above; the 3x3 mask-B blocks one.</summary>
    public override int WavefrontStagger => 4;
}
