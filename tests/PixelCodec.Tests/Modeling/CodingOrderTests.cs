using PixelCodec.Modeling;

namespace PixelCodec.Tests.Modeling;

/// <summary>
/// The coding orders: every sub-pixel once, raster order as the raster layout, and in a wavefront every
/// pixel after the rows above it up to S - 1 columns right and after its left neighbour, with groups
/// that are what the cursor then visits.
/// </summary>
public class CodingOrderTests
{
    public static TheoryData<int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int>();
        foreach ((int band, int stagger) in new[] { (1, 1), (2, 1), (3, 2), (16, 4), (4, 5) })
            foreach ((int width, int height, int channels) in new[] { (1, 1, 3), (1, 9, 3), (9, 1, 3), (3, 2, 1), (7, 5, 3), (33, 19, 3), (2, 40, 4) })
                data.Add(band, stagger, width, height, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void VisitsEverySubpixelOnceAfterWhatItMayRead(int band, int stagger, int width, int height, int channels)
    {
        CodingOrder order = band == 1 ? CodingOrder.Raster : CodingOrder.Wavefront(band, stagger);
        var shape = new PlaneShape(width, height, channels);
        var codedAt = new int[shape.SubpixelCount];
        Array.Fill(codedAt, -1);
        int n = 0;
        for (OrderCursor cursor = order.Start(shape); !cursor.Done; cursor.Advance())
        {
            Assert.InRange(cursor.X, 0, width - 1);
            Assert.InRange(cursor.Y, 0, height - 1);
            Assert.Equal((cursor.Y * width + cursor.X) * channels + cursor.Channel, cursor.Index);
            Assert.Equal(-1, codedAt[cursor.Index]);
            codedAt[cursor.Index] = n++;
        }
        Assert.Equal(shape.SubpixelCount, n);
        if (order.IsRaster)
            Assert.Equal(Enumerable.Range(0, n), codedAt);

        int At(int y, int x, int c) => codedAt[(y * width + x) * channels + c];
        int reach = order.IsRaster ? width : order.Stagger - 1;   // columns right of x in the rows above, coded before (y, x)
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    int here = At(y, x, c);
                    if (c > 0)
                        Assert.True(At(y, x, c - 1) < here, $"channel {c} at ({y}, {x}) before channel {c - 1}");
                    if (x > 0)
                        Assert.True(At(y, x - 1, channels - 1) < here, $"({y}, {x}) before its left neighbour");
                    for (int above = 0; above < y; above++)
                        for (int dx = 0; dx <= reach && x + dx < width; dx++)
                            Assert.True(At(above, x + dx, channels - 1) < here, $"({y}, {x}) before ({above}, {x + dx})");
                }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AGroupIsTheSubpixelsTheCursorVisitsNext(int band, int stagger, int width, int height, int channels)
    {
        CodingOrder order = band == 1 ? CodingOrder.Raster : CodingOrder.Wavefront(band, stagger);
        OrderCursor cursor = order.Start(new PlaneShape(width, height, channels));
        int groups = 0;
        while (!cursor.Done)
        {
            Assert.True(cursor.StartsGroup);
            groups++;
            int count = cursor.GroupCount, channel = cursor.Channel;
            Assert.InRange(count, 1, order.Band);
            (int Y, int X)[] pixels = [.. Enumerable.Range(0, count).Select(cursor.GroupPixel)];
            for (int place = 0; place < count; place++)
            {
                Assert.Equal(place, cursor.PlaceInGroup);
                Assert.Equal(pixels[place], (cursor.Y, cursor.X));
                Assert.Equal(channel, cursor.Channel);
                Assert.Equal(count, cursor.GroupCount);
                if (place > 0)
                    Assert.False(cursor.StartsGroup);
                cursor.Advance();
            }
        }
        if (order.IsRaster)
            Assert.Equal(width * height * channels, groups);
    }

    [Fact]
    public void AWavefrontGroupHoldsOnePixelOfEveryRowThatHasReachedTheImage()
    {
        // 10 wide, bands of 3, stagger 4: step 8 holds rows 0, 1 and 2 at columns 8, 4 and 0.
        OrderCursor cursor = CodingOrder.Wavefront(3, 4).Start(new PlaneShape(10, 3, 1));
        while (!(cursor.StartsGroup && cursor.GroupCount == 3))
            cursor.Advance();
        Assert.Equal([(0, 8), (1, 4), (2, 0)], Enumerable.Range(0, 3).Select(cursor.GroupPixel));
    }

    [Fact]
    public void RefusesBandsAndStaggersOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodingOrder.Wavefront(1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CodingOrder.Wavefront(CodingOrder.MaxBand + 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CodingOrder.Wavefront(16, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CodingOrder.Wavefront(16, CodingOrder.MaxStagger + 1));
        Assert.False(CodingOrder.Wavefront(16, 4).Fits(new PlaneShape(CodingOrder.MaxBandPixels / 16 + 1, 1, 3)));
        Assert.True(CodingOrder.Wavefront(16, 4).Fits(new PlaneShape(CodingOrder.MaxBandPixels / 16, 1, 3)));
    }
}
