using System.Runtime.InteropServices;
using System.Text;

namespace PixelCodec.Cli.Compare;

/// <summary>report.md: what was run, where, with which tools, and the summary tables.</summary>
internal static class MarkdownReport
{
    public static string Write(CompareSummary summary, string commandLine, IReadOnlyList<PeerCodec> peers, IReadOnlyList<string> missingPeers)
    {
        var md = new StringBuilder();
        md.AppendLine("# PixelCodec comparison").AppendLine();
        md.AppendLine($"`{commandLine}`").AppendLine();
        md.AppendLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; {RuntimeInformation.OSDescription}; .NET {Environment.Version}.");
        md.AppendLine($"{summary.Images.Count} images; every PixelCodec and PNG (PixelCodec writer) file was decoded and compared with the input pixel for pixel.").AppendLine();
        foreach (PeerCodec peer in peers)
            md.AppendLine($"- {peer.Name}: `{peer.CommandLine}` ({peer.DebianPackage} {ToolVersions.OfDebianPackage(peer.DebianPackage)})");
        foreach (string missing in missingPeers)
            md.AppendLine($"- {missing}: not installed, not measured");
        md.AppendLine();

        md.AppendLine("## Bits per sub-pixel (whole files; lower is better)").AppendLine();
        md.AppendLine("| codec | " + string.Join(" | ", summary.Sets) + " | vs PNG (total) |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", summary.Sets.Count + 1)));
        double? png = summary[CompareSummary.Total, CompareRunner.OurPng].BitsPerSubpixel;
        foreach (string codec in summary.Codecs)
            md.AppendLine($"| {codec} | " + string.Join(" | ", summary.Sets.Select(s => ReportFormat.Bits(summary[s, codec].BitsPerSubpixel)))
                + $" | {ReportFormat.Ratio(summary[CompareSummary.Total, codec].BitsPerSubpixel, png)} |");
        md.AppendLine().AppendLine("![bits per sub-pixel](chart.svg)").AppendLine();

        md.AppendLine("## Speed over all images, and coding overhead").AppendLine();
        md.AppendLine("Sub-pixels per second of wall time, one image at a time per thread (peers: including process start-up). Overhead: real payload+header bits over the model's ideal code length.").AppendLine();
        md.AppendLine("| codec | encode | decode | overhead |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (string codec in summary.Codecs)
        {
            SetTotal t = summary[CompareSummary.Total, codec];
            md.AppendLine($"| {codec} | {ReportFormat.Speed(t.EncodeSubpixelsPerSecond)} | {ReportFormat.Speed(t.DecodeSubpixelsPerSecond)} | {ReportFormat.Overhead(t)} |");
        }
        return md.ToString();
    }
}
