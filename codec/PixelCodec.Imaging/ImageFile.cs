namespace PixelCodec.Imaging;

/// <summary>The image file formats PixelCodec reads and writes.</summary>
public enum ImageFileType
{
    /// <summary>PNG: every colour type, 1 to 16 bits.</summary>
    Png,

    /// <summary>Binary PNM: P5 (grey) and P6 (RGB).</summary>
    Pnm,
}

/// <summary>Reads PNG or PNM by content and writes either by name.</summary>
public static class ImageFile
{
    /// <summary>Reads a PNG or PNM image, told apart by its first bytes.</summary>
    /// <exception cref="ImageFormatException">The bytes are not an image PixelCodec reads, or are damaged.</exception>
    public static RasterImage Read(ReadOnlySpan<byte> file) => Read(file, out _);

    /// <summary>Reads a PNG or PNM image, told apart by its first bytes, and says what was wrong but could be read past.</summary>
    /// <param name="file">The whole image file.</param>
    /// <param name="warnings">Damage that did not stop the image from being read, one line each (see <see cref="PngReader.Read(ReadOnlySpan{byte}, out IReadOnlyList{string})"/>).</param>
    public static RasterImage Read(ReadOnlySpan<byte> file, out IReadOnlyList<string> warnings)
    {
        warnings = [];
        if (file.StartsWith(PngReader.Signature))
            return PngReader.Read(file, out warnings);
        if (Pnm.HasSignature(file))
            return Pnm.Read(file);
        throw new ImageFormatException("not a PNG or PNM image");
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="output"/> as a PNG or PNM file.</summary>
    /// <exception cref="ImageFormatException">PNM cannot hold the image (it has alpha).</exception>
    public static void Write(RasterImage image, Stream output, ImageFileType type)
    {
        if (type == ImageFileType.Png)
            PngWriter.Write(image, output);
        else
            Pnm.Write(image, output);
    }

    /// <summary>The type an output file name asks for: .png, or .pnm/.ppm/.pgm.</summary>
    public static ImageFileType TypeForPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ImageFileType.Png,
        ".pnm" or ".ppm" or ".pgm" => ImageFileType.Pnm,
        var other => throw new ImageFormatException($"cannot tell the image format from the extension '{other}' of '{path}': use .png, .pnm, .ppm or .pgm"),
    };
}
