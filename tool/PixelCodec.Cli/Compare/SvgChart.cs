using System.Globalization;
using System.Security;
using System.Text;

namespace PixelCodec.Cli.Compare;

/// <summary>chart.svg: bits per sub-pixel as horizontal bars, one group per set, one bar per codec.</summary>
internal static class SvgChart
{
    private const int LabelWidth = 220, BarArea = 460, BarHeight = 16, GroupGap = 18, Top = 40, Right = 70;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Write(CompareSummary summary)
    {
        double max = summary.Sets.SelectMany(s => summary.Codecs.Select(c => summary[s, c].BitsPerSubpixel ?? 0)).DefaultIfEmpty(0).Max();
        double scale = max > 0 ? BarArea / max : 0;
        int groupHeight = summary.Codecs.Count * BarHeight + GroupGap;
        int height = Top + summary.Sets.Count * groupHeight + 30;
        int width = LabelWidth + BarArea + Right;

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.AppendLine(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Bits per sub-pixel, whole files (lower is better)</text>"));
        for (int s = 0; s < summary.Sets.Count; s++)
        {
            int groupTop = Top + s * groupHeight;
            svg.AppendLine(Invariant($"<text x=\"4\" y=\"{groupTop + 11}\" font-weight=\"bold\">{Escape(summary.Sets[s])}</text>"));
            for (int c = 0; c < summary.Codecs.Count; c++)
            {
                int y = groupTop + 14 + c * BarHeight;
                double? bits = summary[summary.Sets[s], summary.Codecs[c]].BitsPerSubpixel;
                double barWidth = (bits ?? 0) * scale;
                svg.AppendLine(Invariant($"<text x=\"{LabelWidth - 6}\" y=\"{y + 11}\" text-anchor=\"end\">{Escape(summary.Codecs[c])}</text>"));
                svg.AppendLine(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 2}\" width=\"{barWidth:0.#}\" height=\"{BarHeight - 4}\" fill=\"{Palette[c % Palette.Length]}\"/>"));
                svg.AppendLine(Invariant($"<text x=\"{LabelWidth + barWidth + 4:0.#}\" y=\"{y + 11}\">{ReportFormat.Bits(bits)}</text>"));
            }
        }
        int axisY = height - 22;
        svg.AppendLine(Invariant($"<line x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{LabelWidth + BarArea}\" y2=\"{axisY}\" stroke=\"black\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{LabelWidth}\" y=\"{axisY + 14}\">0</text>"));
        svg.AppendLine(Invariant($"<text x=\"{LabelWidth + BarArea}\" y=\"{axisY + 14}\" text-anchor=\"end\">{max:0.00} bits/sub-pixel</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
