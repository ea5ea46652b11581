using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using PixelCodec.Imaging;
using PixelCodec.Training.Data;

namespace PixelCodec.Training.Tests;

public class ImageSetsTests
{
    private static byte[] Decode(IImageCollection set, int index)
    {
        var rgb = new byte[set.Width * set.Height * 3];
        set.Decode(index, rgb);
        return rgb;
    }

    [Fact]
    public void FolderOfPngsInNameOrder()
    {
        using var data = new TestData();
        IImageCollection set = ImageSets.Open(data.PngFolder("any", 3, size: 5));
        Assert.Equal((3, 5, 5), (set.Count, set.Width, set.Height));
        Assert.Equal(TestData.Image(5, 1001).Pixels, Decode(set, 1));
    }

    [Fact]
    public void TheAuthorsLayoutPicksTheSplit()
    {
        using var data = new TestData();
        data.PngFolder(System.IO.Path.Combine("imagenet", "train_32x32"), 4, seed: 1);
        data.PngFolder(System.IO.Path.Combine("imagenet", "valid_32x32"), 2, seed: 2);
        Assert.Equal(4, ImageSets.Open(data.Path("imagenet"), "train_32x32").Count);
        IImageCollection valid = ImageSets.Open(data.Path("imagenet"), "valid_32x32");
        Assert.Equal(2, valid.Count);
        Assert.Equal(TestData.Image(8, 2000).Pixels, Decode(valid, 0));
    }

    [Fact]
    public void TheAuthorsLayoutInsideATar()
    {
        using var data = new TestData();
        data.PngFolder(System.IO.Path.Combine("imagenet", "train_32x32"), 3, seed: 1);
        data.PngFolder(System.IO.Path.Combine("imagenet", "valid_32x32"), 2, seed: 2);
        string tar = data.Path("imagenet.tar");
        TarFile.CreateFromDirectory(data.Path("imagenet"), tar, includeBaseDirectory: false);
        Assert.Equal(3, ImageSets.Open(tar, "train_32x32").Count);
        IImageCollection valid = ImageSets.Open(tar, "valid_32x32");
        Assert.Equal(2, valid.Count);
        Assert.Equal(TestData.Image(8, 2001).Pixels, Decode(valid, 1));
    }

    [Fact]
    public void ChrabaszczNpzBatchesAreChannelPlanar()
    {
        using var data = new TestData();
        byte[] first = TestData.Image(4, 5).Pixels, second = TestData.Image(4, 6).Pixels;
        string npz = data.Path("train_data_batch_1.npz");
        WriteNpz(npz, [Planar(first), Planar(second)]);
        IImageCollection set = ImageSets.Open(npz);
        Assert.Equal((2, 4, 4), (set.Count, set.Width, set.Height));
        Assert.Equal(first, Decode(set, 0));
        Assert.Equal(second, Decode(set, 1));
        Assert.Equal(2, ImageSets.Open(data.Root).Count);
    }

    [Fact]
    public void GreyImagesBecomeRgb()
    {
        using var data = new TestData();
        IImageCollection set = ImageSets.Open(data.PngFolder("grey", 1, size: 3, format: PixelFormat.Grey));
        byte[] grey = TestData.Image(3, 1000, PixelFormat.Grey).Pixels;
        Assert.Equal(grey.SelectMany(g => new[] { g, g, g }).ToArray(), Decode(set, 0));
    }

    [Fact]
    public void BadDataIsAClearError()
    {
        using var data = new TestData();
        Assert.Contains("does not exist", Assert.Throws<TrainingException>(() => ImageSets.Open(data.Path("missing"))).Message);
        Directory.CreateDirectory(data.Path("empty"));
        Assert.Contains("holds no images", Assert.Throws<TrainingException>(() => ImageSets.Open(data.Path("empty"))).Message);
        string mixed = data.PngFolder("mixed", 1, size: 4);
        File.WriteAllBytes(System.IO.Path.Combine(mixed, "z.png"), PngWriter.Encode(TestData.Image(5, 1)));
        IImageCollection set = ImageSets.Open(mixed);
        Assert.Contains("z.png is 5x5; the set's images are 4x4", Assert.Throws<TrainingException>(() => Decode(set, 1)).Message);
    }

    private static byte[] Planar(byte[] rgb) =>
        Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, rgb.Length / 3).Select(p => rgb[p * 3 + c])).ToArray();

    private static void WriteNpz(string path, byte[][] rows)
    {
        string dict = $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({rows.Length}, {rows[0].Length}), }}";
        string header = dict.PadRight(64 - 10 - 1) + "\n";
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using Stream npy = zip.CreateEntry("data.npy").Open();
        npy.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0]);
        npy.Write(Encoding.ASCII.GetBytes(header));
        foreach (byte[] row in rows)
            npy.Write(row);
    }
}
