using PixelCodec.Container;
using PixelCodec.Imaging;
using PixelCodec.Modeling.Baseline;

namespace PixelCodec.Tests.Container;

/// <summary>Encodes to bytes and decodes back with the baseline model, for tests.</summary>
internal static class PrnnTestCodec
{
    public static byte[] Encode(RasterImage image, int tileSize = 0, int threads = 1)
    {
        using var stream = new MemoryStream();
        PrnnEncoder.Encode(image, new PrnnEncodeOptions(ContextModel.Instance, tileSize, threads), stream);
        return stream.ToArray();
    }

    public static RasterImage Decode(byte[] file, int threads = 1) => PrnnDecoder.Decode(file, new ModelCatalog(), threads);
}
