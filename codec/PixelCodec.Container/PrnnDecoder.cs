using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.LowByte;

namespace PixelCodec.Container;

/// <summary>
/// Reads .prnn files: the header alone, the whole image, or (multi-scale files) the subsample alone,
/// each checked against its checksum.
/// </summary>
public static class PrnnDecoder
{
    /// <summary>Reads just the header, checking it as <see cref="Decode"/> does.</summary>
    public static PrnnHeader ReadHeader(ReadOnlySpan<byte> file)
    {
        PrnnHeader header = PrnnHeaderCodec.Read(file, out int headerLength);
        long expected = headerLength + header.PayloadLength;
        if (file.Length < expected)
            throw new PrnnFormatException($"the file is truncated: {file.Length} bytes of {expected}");
        if (file.Length > expected)
            throw new PrnnFormatException($"the file is corrupt: {file.Length - expected} unexpected bytes after the payload");
        return header;
    }

    /// <summary>Decodes a whole .prnn file and checks the pixels against the checksum it records.</summary>
    /// <param name="file">The whole file.</param>
    /// <param name="models">The models it may name.</param>
    /// <param name="threads">Tiles and planes decoded at once; threads left over go inside a plane coded in a wavefront.</param>
    /// <param name="allowDenseVersion1">
    /// Decode a version 1 file even where a segment claims more sub-pixels than a version 2 stream of
    /// its length could hold. Version 1 streams dropped every trailing zero byte, so a near-constant
    /// image may legitimately be that dense, but so may a hostile file of a few bytes that claims an
    /// image of any size: without this, such files are refused before any work, which keeps the work
    /// of every decode in proportion to the file's size (docs/limits.md).
    /// </param>
    /// <param name="progress">Counts the sub-pixels decoded, for a progress display.</param>
    public static RasterImage Decode(ReadOnlyMemory<byte> file, ModelCatalog models, int threads = 1, bool allowDenseVersion1 = false, CodingProgress? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        PrnnHeader header = ReadHeader(file.Span);
        if (!allowDenseVersion1 && header.Version < PrnnHeaderCodec.BoundedStreamsVersion && PrnnHeaderCodec.FirstOverfullSegment(header) is { } dense)
            throw new PrnnFormatException(
                $"this version {header.Version} file claims {dense.Subpixels} sub-pixels in a segment of {header.SegmentLengths[dense.Segment]} bytes, " +
                "more than a stream of that size holds unless it ends in a long run of zeros (a near-constant image, or a hostile file); " +
                "if you trust it, decode it with --allow-dense-v1 (allowDenseVersion1 in the library): its work is then bounded only by the image size");
        int payloadStart = file.Length - (int)header.PayloadLength;

        bool wide = header.BitDepth == 16;
        PlaneLayout[] layouts = PlaneLayout.For(header.Format);
        var planeModels = new IProbabilityModel[layouts.Length];
        for (int p = 0; p < layouts.Length; p++)
            planeModels[p] = models.Find(header.Planes[p].ModelId) ?? throw NotLoaded(header.Planes[p].ModelId);
        if (planeModels.Any(m => m is MultiScaleModel) != header.IsMultiScale)
            throw new PrnnFormatException(header.IsMultiScale
                ? "the file is corrupt: it holds a subsample, but its colour model is not a multi-scale model"
                : "the file is corrupt: its colour model is a multi-scale model, but it holds no subsample");
        for (int p = layouts.Length; p < header.Planes.Count; p++)
            if (!header.Planes[p].ModelId.AsSpan().SequenceEqual(LowByteModel.SharedIdentity.Id))
                throw NotLoaded(header.Planes[p].ModelId);
        if (!planeModels[0].SupportsOrder(header.OrderOf(0)))
            throw new PrnnFormatException($"the file is corrupt: its colour model, {planeModels[0].Identity.Name}, does not code in {header.OrderOf(0)} order");

        TileGrid grid = header.Tiles;
        var segmentStarts = new int[header.SegmentLengths.Count];
        for (int s = 1; s < segmentStarts.Length; s++)
            segmentStarts[s] = segmentStarts[s - 1] + header.SegmentLengths[s - 1];

        // One job per plane and thread: its share of the plane's tiles decoded in step (a PixelRNN reads
        // its weights once per step for all of them; in a wavefront, once per step of each tile), then,
        // for 16-bit samples, each tile's low bytes, which are coded knowing the high bytes.
        var high = new RasterImage(header.Width, header.Height, header.Format);
        RasterImage? low = wide ? new RasterImage(header.Width, header.Height, header.Format) : null;
        bool bounded = header.Version >= PrnnHeaderCodec.BoundedStreamsVersion;
        ReadOnlyMemory<byte> Segment(int s) => file.Slice(payloadStart + segmentStarts[s], header.SegmentLengths[s]);
        progress?.Start((long)header.Width * header.Height * header.Format.Channels() * (wide ? 2 : 1) + (header.IsMultiScale ? header.SubsampleShape.SubpixelCount : 0));
        if (planeModels[0] is MultiScaleModel multiScale)
            planeModels[0] = multiScale.Given(DecodeSubsample(multiScale, header, Segment(0), progress));
        int groups = Math.Min(threads, grid.Count);
        int planeThreads = Math.Max(1, threads / (layouts.Length * groups));   // threads left over go inside the planes
        try
        {
            Parallel.For(0, layouts.Length * groups, new ParallelOptions { MaxDegreeOfParallelism = threads }, job =>
            {
                int p = job / groups;
                int[] tiles = [.. Enumerable.Range(0, grid.Count).Where(t => t % groups == job % groups)];
                PlaneShape[] shapes = [.. tiles.Select(t => PlaneSplitter.Shape(grid[t], layouts[p].Channels))];
                byte[][] planes = [.. shapes.Select(shape => new byte[shape.SubpixelCount])];
                CodingOrder order = header.OrderOf(p);
                if (order.IsRaster)
                    PlaneCoder.DecodeTogether(planeModels[p], [.. tiles.Select(t => Segment(header.SegmentOf(p, t)))], shapes, planes, bounded, progress);
                else
                    for (int i = 0; i < tiles.Length; i++)
                        PlaneCoder.Decode(planeModels[p], Segment(header.SegmentOf(p, tiles[i])), shapes[i], planes[i], bounded, progress, order, planeThreads);
                for (int i = 0; i < tiles.Length; i++)
                {
                    Tile tile = grid[tiles[i]];
                    PlaneSplitter.Insert(high, tile, layouts[p].FirstChannel, layouts[p].Channels, planes[i]);
                    if (low is null)
                        continue;
                    var lowPlane = new byte[shapes[i].SubpixelCount];
                    PlaneCoder.Decode(LowByteModel.Given(planes[i]), Segment(header.SegmentOf(layouts.Length + p, tiles[i])), shapes[i], lowPlane, progress: progress);
                    PlaneSplitter.Insert(low, tile, layouts[p].FirstChannel, layouts[p].Channels, lowPlane);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<PrnnFormatException>().FirstOrDefault() is { } corrupt)
        {
            throw corrupt;
        }

        RasterImage image = low is null ? high : WideSamples.Join(high, low);
        if (!PrnnHeaderCodec.PixelChecksum(image.Pixels).AsSpan().SequenceEqual(header.PixelChecksum))
            throw new PrnnFormatException("the decoded pixels do not match the file's checksum: the file is corrupt");
        return image;
    }

    /// <summary>
    /// The preview of a multi-scale file: its colour plane's subsample (RGB, half the image's sides
    /// rounded up; <see cref="Subsample"/>), decoded from the header and the first segment alone and
    /// checked against the subsample's checksum. <paramref name="file"/> may be a prefix of the file
    /// that holds those, as a download in progress does.
    /// </summary>
    /// <exception cref="PrnnFormatException">The file has no subsample, the prefix ends before it, or it is corrupt.</exception>
    public static RasterImage DecodePreview(ReadOnlyMemory<byte> file, ModelCatalog models)
    {
        PrnnHeader header = PrnnHeaderCodec.Read(file.Span, out int headerLength);
        if (!header.IsMultiScale)
            throw new PrnnFormatException("the file has no preview: it was not coded with a multi-scale model");
        long needed = headerLength + (long)header.SegmentLengths[0];
        if (file.Length < needed)
            throw new PrnnFormatException($"the file is truncated before the end of its preview: {file.Length} bytes of the {needed} it needs");
        IProbabilityModel? colourModel = models.Find(header.Planes[0].ModelId);
        if (colourModel is not MultiScaleModel multiScale)
            throw colourModel is null
                ? NotLoaded(header.Planes[0].ModelId)
                : new PrnnFormatException("the file is corrupt: it holds a subsample, but its colour model is not a multi-scale model");
        PlaneShape shape = header.SubsampleShape;
        byte[] subsample = DecodeSubsample(multiScale, header, file.Slice(headerLength, header.SegmentLengths[0]), progress: null);
        var image = new RasterImage(shape.Width, shape.Height, PixelFormat.Rgb);
        subsample.CopyTo(image.Pixels);
        return image;
    }

    private static byte[] DecodeSubsample(MultiScaleModel model, PrnnHeader header, ReadOnlyMemory<byte> segment, CodingProgress? progress)
    {
        var subsample = new byte[header.SubsampleShape.SubpixelCount];
        PlaneCoder.Decode(model.SubsampleModel, segment, header.SubsampleShape, subsample, progress: progress);
        if (!PrnnHeaderCodec.PixelChecksum(subsample).AsSpan().SequenceEqual(header.SubsampleChecksum))
            throw new PrnnFormatException("the decoded subsample does not match the file's checksum: the file is corrupt");
        return subsample;
    }

    private static PrnnFormatException NotLoaded(byte[] modelId) =>
        new($"the file was coded with model {Convert.ToHexStringLower(modelId, 0, 6)}, which is not loaded: pass that model with --model");
}
