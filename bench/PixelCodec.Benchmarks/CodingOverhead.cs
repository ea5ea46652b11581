using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;

namespace PixelCodec.Benchmarks;

/// <summary>
/// The range coder's real cost against the ideal code length (sum of -log2 p) of the tables the
/// baseline model gives on real images: payload only, header excluded. Prints a Markdown table.
/// </summary>
internal static class CodingOverhead
{
    public static int Run(string[] folders)
    {
        Console.WriteLine("| set | images | sub-pixels | ideal bits | payload bits | overhead |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (string folder in folders)
        {
            double ideal = 0;
            long payloadBits = 0, subpixels = 0;
            string[] files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
            foreach (string path in files)
            {
                RasterImage image = ImageFile.Read(File.ReadAllBytes(path));
                using var sink = new MemoryStream();
                PrnnEncodeResult result = PrnnEncoder.Encode(image, new PrnnEncodeOptions(ContextModel.Instance), sink);
                ideal += result.IdealBits;
                payloadBits += result.PayloadBytes * 8;
                subpixels += image.Pixels.Length;
            }
            Console.WriteLine($"| {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} | {files.Length} | {subpixels} | {ideal:F0} | {payloadBits} | {(payloadBits / ideal - 1) * 100:F3}% |");
        }
        return 0;
    }
}
