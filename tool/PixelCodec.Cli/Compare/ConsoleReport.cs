using Spectre.Console;

namespace PixelCodec.Cli.Compare;

/// <summary>The comparison as a table on the terminal: bits per sub-pixel per set, ratio to PNG, speed.</summary>
internal static class ConsoleReport
{
    public static void Write(CompareSummary summary)
    {
        // Redirected output has no width; give the table room rather than wrapping every cell.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        var table = new Table().Title("bits per sub-pixel, whole files (lower is better)").AddColumn("codec");
        foreach (string set in summary.Sets)
            table.AddColumn(new TableColumn(Markup.Escape(set)).RightAligned());
        table.AddColumn(new TableColumn("vs PNG").RightAligned());
        table.AddColumn(new TableColumn("encode").RightAligned());
        table.AddColumn(new TableColumn("decode").RightAligned());

        double? png = summary[CompareSummary.Total, CompareRunner.OurPng].BitsPerSubpixel;
        foreach (string codec in summary.Codecs)
        {
            SetTotal total = summary[CompareSummary.Total, codec];
            var cells = new List<string> { Markup.Escape(codec) };
            cells.AddRange(summary.Sets.Select(s => ReportFormat.Bits(summary[s, codec].BitsPerSubpixel)));
            cells.Add(ReportFormat.Ratio(total.BitsPerSubpixel, png));
            cells.Add(ReportFormat.Speed(total.EncodeSubpixelsPerSecond));
            cells.Add(ReportFormat.Speed(total.DecodeSubpixelsPerSecond));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }
}
