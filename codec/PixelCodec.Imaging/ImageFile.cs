namespace PixelCodec.Imaging;

public enum ImageFileType
{
    Png,
    Pnm,
}

/// <summary>Reads PNG or PNM by content and writes either by name.</summary>
public static class ImageFile
{
    public static RasterImage Read(ReadOnlySpan<byte> file) => Read(file, out _);

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
