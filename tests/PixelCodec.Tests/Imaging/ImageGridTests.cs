using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Imaging;

/// <summary>The grid: images left to right then top to bottom, white gaps between, nothing around.</summary>
public class ImageGridTests
{
    [Fact]
    public void LaysImagesOutWithWhiteGaps()
    {
        RasterImage[] cells = [.. Enumerable.Range(0, 5).Select(i => SyntheticImages.Constant(3, 2, PixelFormat.Rgb, (byte)(i * 10)))];
        RasterImage grid = ImageGrid.Compose(cells, 3);
        Assert.Equal((3 * 3 + 2 * ImageGrid.Gap, 2 * 2 + ImageGrid.Gap), (grid.Width, grid.Height));
        for (int y = 0; y < grid.Height; y++)
            for (int x = 0; x < grid.Width; x++)
            {
                int column = x / (3 + ImageGrid.Gap), row = y / (2 + ImageGrid.Gap);
                bool inCell = x % (3 + ImageGrid.Gap) < 3 && y % (2 + ImageGrid.Gap) < 2 && row * 3 + column < cells.Length;
                byte expected = inCell ? (byte)((row * 3 + column) * 10) : byte.MaxValue;
                Assert.True(grid.Row(y).Slice(3 * x, 3).ToArray().All(v => v == expected), $"pixel ({x}, {y})");
            }
        Assert.Same(cells[0], ImageGrid.Compose(cells[..1], 3));
    }

    [Fact]
    public void RefusesMixedOrNoImages()
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Compose([], 2));
        Assert.Throws<ArgumentException>(() => ImageGrid.Compose([SyntheticImages.Constant(3, 2, PixelFormat.Rgb, 0), SyntheticImages.Constant(2, 3, PixelFormat.Rgb, 0)], 2));
        Assert.Throws<ArgumentException>(() => ImageGrid.Compose([SyntheticImages.Constant(3, 2, PixelFormat.Rgb, 0), SyntheticImages.Constant(3, 2, PixelFormat.Grey, 0)], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Compose([SyntheticImages.Constant(3, 2, PixelFormat.Rgb, 0)], 0));
    }
}
