using System.Globalization;
using System.Text;

namespace PixelCodec.Training.Runs;

/// <summary>curve.svg: training (blue) and validation (orange, dots) bits per sub-pixel against the step.</summary>
public static class TrainingCurveSvg
{
    private const int Width = 640, Height = 360, Left = 60, Right = 20, Top = 30, Bottom = 40;

    public static string Write(IReadOnlyList<LogEntry> log, string title)
    {
        var svg = new StringBuilder();
        svg.AppendLine(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.AppendLine(I($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.AppendLine(I($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">{System.Security.SecurityElement.Escape(title)}</text>"));
        if (log.Count > 0)
        {
            double maxStep = Math.Max(1, log[^1].Step);
            var values = log.Select(e => e.TrainBits).Concat(log.Where(e => e.ValidBits is not null).Select(e => e.ValidBits!.Value)).ToList();
            double low = Math.Floor(values.Min() * 2) / 2, high = Math.Ceiling(values.Max() * 2) / 2;
            if (high <= low)
                high = low + 0.5;
            double X(double step) => Left + step / maxStep * (Width - Left - Right);
            double Y(double bits) => Top + (high - bits) / (high - low) * (Height - Top - Bottom);

            string train = string.Join(' ', log.Select(e => I($"{X(e.Step):0.#},{Y(e.TrainBits):0.#}")));
            svg.AppendLine($"<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"{train}\"/>");
            foreach (LogEntry e in log.Where(e => e.ValidBits is not null))
                svg.AppendLine(I($"<circle cx=\"{X(e.Step):0.#}\" cy=\"{Y(e.ValidBits!.Value):0.#}\" r=\"3\" fill=\"#ff7f0e\"/>"));
            svg.AppendLine(I($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
            svg.AppendLine(I($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
            svg.AppendLine(I($"<text x=\"{Left}\" y=\"{Height - Bottom + 14}\">0</text>"));
            svg.AppendLine(I($"<text x=\"{Width - Right}\" y=\"{Height - Bottom + 14}\" text-anchor=\"end\">{maxStep:0} steps</text>"));
            svg.AppendLine(I($"<text x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\">{high:0.0}</text>"));
            svg.AppendLine(I($"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\">{low:0.0}</text>"));
            svg.AppendLine(I($"<text x=\"{Left + 8}\" y=\"{Top + 12}\" fill=\"#1f77b4\">training bits/dim</text>"));
            svg.AppendLine(I($"<text x=\"{Left + 8}\" y=\"{Top + 26}\" fill=\"#ff7f0e\">validation bits/dim</text>"));
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
