using System.CommandLine;
using PixelCodec.Cli.Files;
using PixelCodec.Container;
using Spectre.Console;

namespace PixelCodec.Cli.Commands;

internal static class InfoCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input("The .prnn file to describe; '-' reads standard input.");
        var command = new Command("info", "Show what a .prnn file holds: format version, image kind and size, tiles, the model of each plane, the colour plane's coding order, sizes.\nExample: pixelcodec info photo.prnn")
        {
            input,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            byte[] file = InputFile.ReadAll(parse.GetValue(input)!);
            PrnnHeader header = PrnnCodec.ReadHeader(file);
            long subpixels = (long)header.Width * header.Height * (int)header.Format;

            var table = new Table().AddColumn("field").AddColumn("value");
            table.AddRow("format version", header.Version.ToString());
            table.AddRow("image", $"{header.Width}x{header.Height} {header.Format}, {header.BitDepth}-bit");
            table.AddRow("tiles", header.TileWidth == 0 ? "none (whole image)" : $"{header.Tiles.Count} of {header.TileWidth}x{header.TileHeight}");
            for (int p = 0; p < header.Planes.Count; p++)
                table.AddRow($"plane {p} ({header.PlaneName(p)})", $"{header.Planes[p].Channels} channel(s), model {DescribeModel(header.Planes[p].ModelId)}");
            table.AddRow("coding order", $"{header.OrderOf(0)} (colour plane)");
            if (header.IsMultiScale)
                table.AddRow("preview (subsample)", $"{header.SubsampleShape.Width}x{header.SubsampleShape.Height}, in the first {file.Length - header.PayloadLength + header.SegmentLengths[0]} bytes");
            table.AddRow("payload", $"{header.PayloadLength} bytes in {header.SegmentLengths.Count} segment(s)");
            table.AddRow("file", $"{file.Length} bytes, {file.Length * 8.0 / subpixels:F3} bits/sub-pixel");
            table.AddRow("pixel checksum", Convert.ToHexStringLower(header.PixelChecksum) + " (SHA-256, first 8 bytes)");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary>The model's name where the program knows it (the baseline, a shipped model, its blend with the baseline, a retired model), and its id.</summary>
    private static string DescribeModel(byte[] modelId)
    {
        string hex = Convert.ToHexStringLower(modelId);
        return PrnnCodec.ModelName(modelId) is { } known ? $"{known} ({hex})" : hex;
    }
}
