using System.Globalization;

namespace PixelCodec.Cli.Compare;

/// <summary>How numbers read in every comparison report (console, Markdown, SVG).</summary>
internal static class ReportFormat
{
    public static string Bits(double? bitsPerSubpixel) => bitsPerSubpixel?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";

    public static string Ratio(double? value, double? reference) =>
        value is null || reference is null or 0 ? "n/a" : (value.Value / reference.Value).ToString("0.000", CultureInfo.InvariantCulture);

    public static string Speed(double? subpixelsPerSecond) => subpixelsPerSecond switch
    {
        null or double.NaN or double.PositiveInfinity => "n/a",
        >= 1e6 => (subpixelsPerSecond.Value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M/s",
        >= 1e3 => (subpixelsPerSecond.Value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k/s",
        _ => subpixelsPerSecond.Value.ToString("0", CultureInfo.InvariantCulture) + " /s",
    };

    /// <summary>The coding overhead: real size over the model's ideal code length, minus one.</summary>
    public static string Overhead(SetTotal total) =>
        total.Bytes is null || total.IdealBits is null or 0 ? "" : ((total.Bytes.Value * 8.0 / total.IdealBits.Value - 1) * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
