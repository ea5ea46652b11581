using System.Diagnostics;
using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Modeling;

namespace PixelCodec.Cli.Compare;

/// <summary>Runs every codec of a comparison on one image: our models (each round trip verified), our PNG writer, the peers.</summary>
internal sealed class CompareRunner(IReadOnlyList<IProbabilityModel> models, IReadOnlyList<PeerCodec> peers, string workFolder)
{
    public const string OurPng = "PNG (PixelCodec writer)";

    private readonly ModelCatalog _catalog = new(models);

    public static string CodecName(IProbabilityModel model) => $"PixelCodec {model.Identity.Name}";

    public IEnumerable<string> CodecNames => models.Select(CodecName).Append(OurPng).Concat(peers.Select(p => p.Name));

    public ImageResult Run(ImageSource source)
    {
        RasterImage image;
        try
        {
            image = ImageFile.Read(File.ReadAllBytes(source.Path));
        }
        catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException)
        {
            return new ImageResult(source, 0, 0, 0, [], e.Message);
        }

        var results = models.Select(m => RunModel(m, image)).ToList();
        (CodecResult png, byte[] pngBytes) = RunOurPng(image);
        results.Add(png);
        string peerInput = source.Path;
        if (!Path.GetExtension(source.Path).Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            peerInput = Path.Combine(workFolder, Guid.NewGuid().ToString("N") + ".png");
            File.WriteAllBytes(peerInput, pngBytes);
        }
        results.AddRange(peers.Select(p => p.Encode(peerInput, workFolder)));
        return new ImageResult(source, image.Width, image.Height, image.Channels, results);
    }

    private CodecResult RunModel(IProbabilityModel model, RasterImage image)
    {
        var clock = Stopwatch.StartNew();
        using var file = new MemoryStream();
        PrnnEncodeResult encoded = PrnnEncoder.Encode(image, new PrnnEncodeOptions(model), file);
        double encodeMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        try
        {
            RasterImage decoded = PrnnDecoder.Decode(file.ToArray(), _catalog);
            return new CodecResult(CodecName(model), encoded.FileBytes, encodeMs, clock.Elapsed.TotalMilliseconds, image.PixelsEqual(decoded), encoded.IdealBits);
        }
        catch (PrnnFormatException e)
        {
            return new CodecResult(CodecName(model), encoded.FileBytes, encodeMs, null, false, encoded.IdealBits, e.Message);
        }
    }

    private static (CodecResult, byte[]) RunOurPng(RasterImage image)
    {
        var clock = Stopwatch.StartNew();
        byte[] png = PngWriter.Encode(image);
        double encodeMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        bool verified = image.PixelsEqual(PngReader.Read(png));
        return (new CodecResult(OurPng, png.Length, encodeMs, clock.Elapsed.TotalMilliseconds, verified), png);
    }
}
