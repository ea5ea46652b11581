using System.Xml.Linq;
using PixelCodec.Cli.Compare;

namespace PixelCodec.Tests.Compare;

public class CompareReportTests
{
    private const string Ours = "PixelCodec baseline";

    // Two sets; the peer fails on one image of set "b", so its "b" and total figures must be n/a.
    private static CompareSummary Sample()
    {
        ImageResult Image(string set, string name, int width, long oursBytes, long? peerBytes) => new(
            new ImageSource(set, $"/data/{set}/{name}"), width, 10, 3,
            [
                new CodecResult(Ours, oursBytes, 2, 3, true, oursBytes * 8 * 0.99),
                new CodecResult(CompareRunner.OurPng, oursBytes * 2, 1, 1, true),
                new CodecResult("peer, with \"quotes\" & <markup>", peerBytes, 5, null, null, Failure: peerBytes is null ? "exit code 1: boom" : null),
            ]);
        return new CompareSummary(
            [Image("a", "x.png", 10, 100, 90), Image("a", "y.png", 20, 200, 150), Image("b", "z.png", 10, 120, null)],
            [Ours, CompareRunner.OurPng, "peer, with \"quotes\" & <markup>"]);
    }

    [Fact]
    public void TotalsAreSummedBitsOverSummedSubpixels()
    {
        CompareSummary summary = Sample();
        Assert.Equal(["a", "b", CompareSummary.Total], summary.Sets);
        Assert.Equal(300 * 8.0 / (300 + 600), summary["a", Ours].BitsPerSubpixel);
        Assert.Equal(420 * 8.0 / (300 + 600 + 300), summary[CompareSummary.Total, Ours].BitsPerSubpixel);
        Assert.Equal(0.99, summary[CompareSummary.Total, Ours].IdealBits!.Value / (summary[CompareSummary.Total, Ours].Bytes!.Value * 8), 6);
        Assert.Equal(240 * 8.0 / 900, summary["a", "peer, with \"quotes\" & <markup>"].BitsPerSubpixel);
        Assert.Null(summary["b", "peer, with \"quotes\" & <markup>"].BitsPerSubpixel);
        Assert.Null(summary[CompareSummary.Total, "peer, with \"quotes\" & <markup>"].BitsPerSubpixel);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void UnverifiedRoundTripsAndUnreadableImagesAreProblems()
    {
        CompareSummary summary = new(
            [
                new ImageResult(new ImageSource("a", "/bad.png"), 0, 0, 0, [], "not a PNG or PNM image"),
                new ImageResult(new ImageSource("a", "/ok.png"), 1, 1, 1, [new CodecResult(Ours, 10, 1, 1, false)]),
            ],
            [Ours]);
        Assert.Equal(["/bad.png: not a PNG or PNM image", "/ok.png: PixelCodec baseline did not round-trip"], summary.Problems);
    }

    [Fact]
    public void CsvRowsAreQuotedAndComplete()
    {
        string[] lines = CsvReport.Images(Sample()).TrimEnd().Split('\n');
        Assert.Equal(1 + 3 * 3, lines.Length);
        Assert.Contains("\"peer, with \"\"quotes\"\" & <markup>\"", lines[3]);
        Assert.EndsWith(",exit code 1: boom", lines[9]);
        string[] summary = CsvReport.Summary(Sample()).TrimEnd().Split('\n');
        Assert.Equal(1 + 3 * 3, summary.Length);
        Assert.StartsWith("total,PixelCodec baseline,3,1200,420,2.8,", summary[7]);
    }

    [Fact]
    public void SvgIsWellFormedWithABarPerSetAndCodec()
    {
        XDocument svg = XDocument.Parse(SvgChart.Write(Sample()));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(1 + 3 * 3, svg.Descendants(ns + "rect").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "peer, with \"quotes\" & <markup>");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "n/a");
    }

    [Fact]
    public void MarkdownHasTheTablesAndTheCommand()
    {
        string md = MarkdownReport.Write(Sample(), "pixelcodec compare data", [], ["JPEG XL lossless"]);
        Assert.Contains("`pixelcodec compare data`", md);
        Assert.Contains("| codec | a | b | total | vs PNG (total) |", md);
        Assert.Contains("| PixelCodec baseline | 2.667 | 3.200 | 2.800 | 0.500 |", md);
        Assert.Contains("JPEG XL lossless: not installed", md);
    }
}
