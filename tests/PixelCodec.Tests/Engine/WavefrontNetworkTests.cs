using PixelCodec.Engine;
using PixelCodec.Modeling;
using PixelCodec.Tests.Modeling;

namespace PixelCodec.Tests.Engine;

/// <summary>
/// A PixelRNN decoded in a wavefront, a group of pixels per pass over the weights, gives every sub-pixel
/// the table the position-by-position raster decoder gives it (the oracle): the stagger its architecture
/// states is enough, on one thread and on two (the trunk of later groups computed beside the head of
/// earlier ones). Those that cannot (Diagonal BiLSTM, the multi-scale network) say so.
/// </summary>
public class WavefrontNetworkTests
{
    public static TheoryData<Architecture, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<Architecture, int, int, int, int, int>();
        foreach (Architecture architecture in new[] { Architecture.RowLstm, Architecture.PixelCnn })
            foreach ((int band, int stagger) in new[] { (16, 4), (2, 4), (3, 5) })
                foreach ((int width, int height) in new[] { (1, 1), (1, 6), (7, 1), (5, 3), (9, 7), (13, 19), (31, 40) })
                    foreach (int threads in new[] { 1, 2 })
                        data.Add(architecture, band, stagger, width, height, threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesTheTablesOfRasterOrder(Architecture architecture, int band, int stagger, int width, int height, int threads)
    {
        IntegerModel model = RandomIntegerModels.Create(architecture, hidden: 7, layers: 2, head: 11, seed: band * 7 + width * 31 + height);
        var neural = new NeuralModel("random", IntegerModelFile.Write(model));
        CodingOrder order = CodingOrder.Wavefront(band, stagger);
        Assert.True(neural.SupportsOrder(order));
        ModelContract.AssertOrderKeepsTables(neural, IntegerNetworkTests.RandomPlane(width, height, seed: 3), new PlaneShape(width, height, 3), order, threads);
    }

    [Fact]
    public async Task ASessionLeftHalfwayEndsItsHelperThreadWhenDisposed()
    {
        // A decoder that meets a corrupt stream stops asking for tables; disposing the session must not
        // leave the helper waiting for values that never come.
        IntegerModel model = RandomIntegerModels.Create(Architecture.RowLstm, hidden: 6, layers: 2, head: 9, seed: 5);
        var neural = new NeuralModel("random", IntegerModelFile.Write(model));
        var shape = new PlaneShape(23, 37, 3);
        byte[] plane = IntegerNetworkTests.RandomPlane(shape.Width, shape.Height, seed: 9);
        CodingOrder order = CodingOrder.Wavefront(16, 4);
        IDecoderSession session = neural.BeginDecoding(shape, order, threads: 2);
        var table = new ushort[256];
        OrderCursor cursor = order.Start(shape);
        for (int i = 0; i < shape.SubpixelCount / 3; i++, cursor.Advance())
        {
            session.NextTable(table);
            session.Observe(plane[cursor.Index]);
        }
        Task disposal = Task.Run(session.Dispose);
        Assert.Same(disposal, await Task.WhenAny(disposal, Task.Delay(TimeSpan.FromSeconds(30))));
    }

    [Theory]
    [InlineData(Architecture.RowLstm)]
    [InlineData(Architecture.PixelCnn)]
    public void AStaggerBelowTheArchitecturesIsRefused(Architecture architecture)
    {
        // Stagger 3 would let a pixel's 7x7 input read a pixel of the row above before it is decoded.
        IntegerModel model = RandomIntegerModels.Create(architecture, hidden: 6, layers: 2, head: 9, seed: 8);
        var neural = new NeuralModel("random", IntegerModelFile.Write(model));
        CodingOrder tooTight = CodingOrder.Wavefront(4, 3);
        Assert.False(neural.SupportsOrder(tooTight));
        Assert.Throws<NotSupportedException>(() => neural.BeginDecoding(new PlaneShape(9, 6, 3), tooTight));
        Assert.Equal(CodingOrder.Wavefront(NeuralModel.WavefrontBand, 4), neural.PreferredOrder);
    }

    [Theory]
    [InlineData(Architecture.DiagonalBiLstm)]
    [InlineData(Architecture.MultiScaleRowLstm)]
    public void ArchitecturesWithoutAWavefrontCodeRasterOrderOnly(Architecture architecture)
    {
        IntegerModel model = RandomIntegerModels.Create(architecture, hidden: 6, layers: 2, head: 9, seed: 8);
        var neural = new NeuralModel("random", IntegerModelFile.Write(model));
        Assert.Equal(CodingOrder.Raster, neural.PreferredOrder);
        Assert.False(neural.SupportsOrder(CodingOrder.Wavefront(16, 16)));
        Assert.True(neural.SupportsOrder(CodingOrder.Raster));
    }
}
