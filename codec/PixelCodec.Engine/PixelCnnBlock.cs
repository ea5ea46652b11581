namespace PixelCodec.Engine;

/// <summary>
/// A PixelCNN residual block: x + expand(relu(spatial(relu(reduce(relu(x)))))), reduce 2h -> h (1x1),
/// spatial h -> h (3x3 mask B), expand h -> 2h (1x1), all mask B.
/// Layer inputs (weight order): reduce: x; spatial: taps (-1,-1), (-1,0), (-1,1), (0,-1), (0,0);
/// expand: the spatial output.
/// </summary>
internal sealed class PixelCnnBlock : IEngineLayer
{
    public static readonly (int Dy, int Dx)[] SpatialTaps = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0)];

    private readonly FeatureRows _output, _reduced, _spatial;
    private readonly StoredConv _reduce, _spatialConv, _expand;

    public PixelCnnBlock(IntegerModel model, int index, FeatureRows input, FeatureRows output, ActivationRanges? ranges, int rowsInFlight)
    {
        int h = model.Hidden, width = input.Width;
        string name = $"layer{index}";
        _output = output;
        _reduced = new FeatureRows(width, h, rowCount: 2, padding: 1, rowsInFlight: rowsInFlight);
        _spatial = new FeatureRows(width, h, rowCount: 1, padding: 0, rowsInFlight: rowsInFlight);
        _reduce = new StoredConv(model.Conv($"{name}.reduce", h, 2 * h), new ConvInput(new Tap(input, 0, 0, Relu: true)),
                                 _reduced, ranges?.For($"{name}.reduce"), relu: true);
        _spatialConv = new StoredConv(model.Conv($"{name}.spatial", h, SpatialTaps.Length * h), new ConvInput([.. SpatialTaps.Select(t => new Tap(_reduced, t.Dy, t.Dx))]),
                                      _spatial, ranges?.For($"{name}.spatial"), relu: true);
        _expand = new StoredConv(model.Conv($"{name}.expand", 2 * h, h), new ConvInput(new Tap(_spatial, 0, 0)),
                                 output, ranges?.For(ModelLayout.Stream), residual: input);
    }

    public void BeginRow(int y)
    {
        _reduced.BeginRow(y);
        _spatial.BeginRow(y);
        _output.BeginRow(y);
    }

    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        _reduce.Compute(y, x, firstGroup, endGroup);
        _spatialConv.Compute(y, x, firstGroup, endGroup);
        _expand.Compute(y, x, firstGroup, endGroup);
    }

    public void ComputeTogether(ReadOnlySpan<IEngineLayer> layers, ReadOnlySpan<(int Y, int X)> at, int firstGroup, int endGroup, BatchScratch scratch)
    {
        StoredConv[] convs = scratch.Convs(layers.Length);
        foreach (Func<PixelCnnBlock, StoredConv> part in Parts)
        {
            for (int m = 0; m < layers.Length; m++)
                convs[m] = part((PixelCnnBlock)layers[m]);
            StoredConv.ComputeTogether(convs.AsSpan(0, layers.Length), at, firstGroup, endGroup, scratch);
        }
    }

    private static readonly Func<PixelCnnBlock, StoredConv>[] Parts = [b => b._reduce, b => b._spatialConv, b => b._expand];

    public void ComputeRow(int y)
    {
        _reduce.ComputeRow(y);
        _spatialConv.ComputeRow(y);
        _expand.ComputeRow(y);
    }

    public void FinishRow(int y)
    {
    }
}
