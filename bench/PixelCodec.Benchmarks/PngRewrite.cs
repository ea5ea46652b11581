using PixelCodec.Imaging;

namespace PixelCodec.Benchmarks;

/// <summary>Re-encodes every PNG of a folder with our PNG writer into another folder, checking each reads back identically.</summary>
internal static class PngRewrite
{
    public static int Run(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string path in Directory.GetFiles(source, "*.png"))
        {
            RasterImage image = ImageFile.Read(File.ReadAllBytes(path));
            byte[] png = PngWriter.Encode(image);
            if (!image.PixelsEqual(PngReader.Read(png)))
                throw new InvalidOperationException($"{path}: our PNG did not read back identically");
            File.WriteAllBytes(Path.Combine(target, Path.GetFileName(path)), png);
        }
        return 0;
    }
}
