using System.Buffers;
using System.IO.Pipelines;
using PixelCodec.Container;
using PixelCodec.Imaging;

namespace PixelCodec;

/// <summary>
/// Encodes images to .prnn files and decodes them back, pixel for pixel. Images are read from and
/// written to PNG or PNM with <see cref="ImageFile"/>.
/// </summary>
/// <remarks>
/// A .prnn file starts with a header that holds the length of every coded segment, so an encoder
/// writes nothing before the whole image is coded and a decoder needs the whole file: the stream and
/// pipe overloads buffer it. Every decode checks the pixels against the checksum the file records.
/// Errors: <see cref="ImageFormatException"/> (an image that cannot be read or written),
/// <see cref="PrnnFormatException"/> (a damaged, truncated or unsupported .prnn file, or one coded
/// with a model that is not known), <see cref="UnknownModelException"/> (a model name or model file
/// that cannot be used).
/// </remarks>
public static class PrnnCodec
{
    /// <summary>Encodes <paramref name="image"/> and writes the .prnn file to <paramref name="output"/>.</summary>
    /// <returns>The header written and the file's size.</returns>
    public static PrnnEncodeResult Encode(RasterImage image, Stream output, EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new EncodeOptions();
        if (options.Effort is < 1 or > ModelChoice.MaxEffort)
            throw new ArgumentOutOfRangeException(nameof(options), $"effort must be 1 to {ModelChoice.MaxEffort}");
        var encoding = new PrnnEncodeOptions(ModelChoice.Resolve(options.Model), options.TileSize, options.Threads,
            ModelChoice.Alternatives(options.Model, options.Effort), options.Progress);
        return PrnnEncoder.Encode(image, encoding, output);
    }

    /// <summary>Encodes <paramref name="image"/> into the bytes of a .prnn file.</summary>
    public static byte[] Encode(RasterImage image, EncodeOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Encode(image, buffer, options);
        return buffer.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> and writes the .prnn file to <paramref name="output"/>, then flushes it.</summary>
    public static async ValueTask<PrnnEncodeResult> EncodeAsync(RasterImage image, PipeWriter output, EncodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        PrnnEncodeResult result;
        await using (Stream stream = output.AsStream(leaveOpen: true))
            result = Encode(image, stream, options);
        await output.FlushAsync(cancellationToken);
        return result;
    }

    /// <summary>Decodes a whole .prnn file.</summary>
    public static RasterImage Decode(ReadOnlyMemory<byte> file, DecodeOptions? options = null)
    {
        options ??= new DecodeOptions();
        return PrnnDecoder.Decode(file, ModelChoice.Catalog(options.ModelFiles), options.Threads, options.AllowDenseVersion1, options.Progress);
    }

    /// <summary>
    /// The preview of a multi-scale file: the subsample its first segment codes (RGB, half the sides
    /// rounded up), checked against its own checksum. <paramref name="file"/> may be a prefix of the
    /// file that ends anywhere after that segment.
    /// </summary>
    public static RasterImage DecodePreview(ReadOnlyMemory<byte> file, DecodeOptions? options = null) =>
        PrnnDecoder.DecodePreview(file, ModelChoice.Catalog((options ?? new DecodeOptions()).ModelFiles));

    /// <summary>Decodes the .prnn file that <paramref name="input"/> holds, read to its end.</summary>
    public static RasterImage Decode(Stream input, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), options);
    }

    /// <summary>Decodes the .prnn file that <paramref name="input"/> holds, read until the writer completes it.</summary>
    public static async ValueTask<RasterImage> DecodeAsync(PipeReader input, DecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Consumed as it arrives, so a writer is never held back by the pipe's pause threshold.
        var file = new ArrayBufferWriter<byte>();
        while (true)
        {
            ReadResult read = await input.ReadAsync(cancellationToken);
            if (read.IsCanceled)
                throw new OperationCanceledException("the read of the .prnn file was cancelled");
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
                file.Write(segment.Span);
            input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                return Decode(file.WrittenMemory, options);
        }
    }

    /// <summary>Reads and checks the header of a whole .prnn file without decoding its pixels.</summary>
    public static PrnnHeader ReadHeader(ReadOnlySpan<byte> file) => PrnnDecoder.ReadHeader(file);

    /// <summary>The name of the model with this identity (as a header records it) where the library knows it, else null.</summary>
    public static string? ModelName(ReadOnlySpan<byte> modelId) => ModelChoice.Catalog([]).Find(modelId)?.Identity.Name;
}
