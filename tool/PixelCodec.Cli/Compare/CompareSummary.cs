namespace PixelCodec.Cli.Compare;

/// <summary>
/// One codec over one set of images. <see cref="BitsPerSubpixel"/> is total file bits over total
/// sub-pixels, and is null when the codec failed on any image of the set (a partial total would mislead).
/// </summary>
internal sealed record SetTotal(string Set, string Codec, int Images, long Subpixels, long? Bytes, double EncodeMs, double? DecodeMs, double? IdealBits, int Failures)
{
    public double? BitsPerSubpixel => Bytes * 8.0 / Subpixels;

    public double? IdealBitsPerSubpixel => IdealBits / Subpixels;

    public double EncodeSubpixelsPerSecond => Subpixels / (EncodeMs / 1000);

    public double? DecodeSubpixelsPerSecond => Subpixels / (DecodeMs / 1000);
}

/// <summary>Per-set and overall totals of a comparison, for every codec.</summary>
internal sealed class CompareSummary
{
    public const string Total = "total";

    private readonly Dictionary<(string Set, string Codec), SetTotal> _totals = [];

    public CompareSummary(IReadOnlyList<ImageResult> images, IReadOnlyList<string> codecs)
    {
        Images = images;
        Codecs = codecs;
        Sets = images.Select(i => i.Source.Set).Distinct().Order(StringComparer.Ordinal).Append(Total).ToList();
        List<ImageResult> readable = images.Where(i => i.Failure is null).ToList();
        foreach (string codec in codecs)
            foreach (string set in Sets)
                _totals[(set, codec)] = Sum(set, codec, readable.Where(i => set == Total || i.Source.Set == set));
    }

    public IReadOnlyList<ImageResult> Images { get; }
    public IReadOnlyList<string> Codecs { get; }
    public IReadOnlyList<string> Sets { get; }

    public SetTotal this[string set, string codec] => _totals[(set, codec)];

    /// <summary>Images that could not be read, and our round trips that did not verify: each makes the run fail.</summary>
    public IEnumerable<string> Problems =>
        Images.Where(i => i.Failure is not null).Select(i => $"{i.Source.Path}: {i.Failure}")
            .Concat(Images.SelectMany(i => i.Codecs.Where(c => c.Verified == false).Select(c => $"{i.Source.Path}: {c.Codec} did not round-trip{(c.Failure is null ? "" : ": " + c.Failure)}")));

    private static SetTotal Sum(string set, string codec, IEnumerable<ImageResult> images)
    {
        int count = 0, failures = 0;
        long subpixels = 0, bytes = 0;
        double encodeMs = 0, decodeMs = 0, idealBits = 0;
        bool allDecoded = true, allIdeal = true;
        foreach (ImageResult image in images)
        {
            CodecResult result = image.Codecs.Single(c => c.Codec == codec);
            count++;
            subpixels += image.Subpixels;
            if (result.Bytes is null)
            {
                failures++;
                continue;
            }
            bytes += result.Bytes.Value;
            encodeMs += result.EncodeMs;
            decodeMs += result.DecodeMs ?? 0;
            allDecoded &= result.DecodeMs is not null;
            idealBits += result.IdealBits ?? 0;
            allIdeal &= result.IdealBits is not null;
        }
        return new SetTotal(set, codec, count, subpixels, failures == 0 ? bytes : null, encodeMs,
            allDecoded && failures == 0 ? decodeMs : null, allIdeal && failures == 0 ? idealBits : null, failures);
    }
}
