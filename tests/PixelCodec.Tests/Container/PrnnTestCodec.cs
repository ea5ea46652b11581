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

    /// <summary>
    /// The file as the first release wrote it: version 1, every trailing zero byte of its (single,
    /// untiled) stream dropped.
    /// </summary>
    public static byte[] AsVersionOne(byte[] file)
    {
        PrnnHeader header = PrnnDecoder.ReadHeader(file);
        byte[] payload = file[^(int)header.PayloadLength..];
        int kept = payload.Length - payload.Reverse().TakeWhile(b => b == 0).Count();
        return [.. PrnnHeaderCodec.Write(header with { Version = 1, SegmentLengths = [kept] }), .. payload[..kept]];
    }
}
