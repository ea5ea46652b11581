using System.Globalization;
using System.Text;

namespace PixelCodec.Cli.Compare;

/// <summary>compare.csv (one row per image and codec) and summary.csv (one row per set and codec).</summary>
internal static class CsvReport
{
    public static string Images(CompareSummary summary)
    {
        var csv = new StringBuilder("set,file,width,height,channels,codec,bytes,bits_per_subpixel,ideal_bits_per_subpixel,encode_ms,decode_ms,verified,failure\n");
        foreach (ImageResult image in summary.Images)
        {
            if (image.Failure is not null)
            {
                csv.AppendLine(Row(image.Source.Set, image.Source.Path, "", "", "", "", "", "", "", "", "", "", image.Failure));
                continue;
            }
            foreach (CodecResult codec in image.Codecs)
                csv.AppendLine(Row(image.Source.Set, image.Source.Path, Number(image.Width), Number(image.Height), Number(image.Channels), codec.Codec,
                    Number(codec.Bytes), Number(codec.Bytes * 8.0 / image.Subpixels), Number(codec.IdealBits / image.Subpixels),
                    Number(codec.EncodeMs), Number(codec.DecodeMs), codec.Verified switch { true => "yes", false => "NO", null => "" }, codec.Failure ?? ""));
        }
        return csv.ToString();
    }

    public static string Summary(CompareSummary summary)
    {
        var csv = new StringBuilder("set,codec,images,subpixels,bytes,bits_per_subpixel,ideal_bits_per_subpixel,encode_subpixels_per_s,decode_subpixels_per_s,failures\n");
        foreach (string set in summary.Sets)
            foreach (string codec in summary.Codecs)
            {
                SetTotal t = summary[set, codec];
                csv.AppendLine(Row(set, codec, Number(t.Images), Number(t.Subpixels), Number(t.Bytes), Number(t.BitsPerSubpixel),
                    Number(t.IdealBitsPerSubpixel), Number(t.EncodeSubpixelsPerSecond), Number(t.DecodeSubpixelsPerSecond), Number(t.Failures)));
            }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Row(params string[] fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
