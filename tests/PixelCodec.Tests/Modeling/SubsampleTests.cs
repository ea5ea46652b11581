using PixelCodec.Modeling;

namespace PixelCodec.Tests.Modeling;

public class SubsampleTests
{
    [Fact]
    public void EachValueIsTheRoundedMeanOfItsTwoByTwoBlockAndOddSidesRepeatTheirLastRowAndColumn()
    {
        // 3x3 grey: blocks {0,1,3,4}, {2,2,5,5} (last column repeated), {6,7,6,7} (last row repeated), {8,8,8,8}.
        byte[] plane = [10, 11, 200, 13, 14, 201, 100, 103, 7];
        var shape = new PlaneShape(3, 3, 1);
        Assert.Equal(new PlaneShape(2, 2, 1), Subsample.ShapeOf(shape));
        Assert.Equal([(10 + 11 + 13 + 14 + 2) / 4, (200 + 200 + 201 + 201 + 2) / 4, (100 + 103 + 100 + 103 + 2) / 4, 7], Subsample.Of(plane, shape));
    }

    [Fact]
    public void ChannelsAreFilteredApartAndOnePixelIsItsOwnSubsample()
    {
        byte[] plane = [1, 2, 3, 5, 6, 7];   // 2x1 RGB
        Assert.Equal([3, 4, 5], Subsample.Of(plane, new PlaneShape(2, 1, 3)));
        Assert.Equal([9, 8, 7], Subsample.Of([9, 8, 7], new PlaneShape(1, 1, 3)));
        Assert.Throws<ArgumentException>(() => Subsample.Of(plane, new PlaneShape(3, 1, 3)));
    }
}
