using System.CommandLine;
using System.Text;
using PixelCodec.Cli.Compare;
using PixelCodec.Cli.Files;
using PixelCodec.Modeling;
using Spectre.Console;

namespace PixelCodec.Cli.Commands;

internal static class CompareCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Images, folders (searched recursively for .png/.pnm/.ppm/.pgm) or quoted globs ('corpus/**/*.png'). Each image's folder is its set in the report.",
            Arity = ArgumentArity.OneOrMore,
        };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = $"PixelCodec models to measure (repeatable): {ModelChoice.Help}. Default: the baseline, every shipped model, and the default ({ModelChoice.DefaultBlend}).",
            DefaultValueFactory = _ => [ModelChoice.Baseline, .. ShippedModels.Names, ModelChoice.Default],
        };
        var peers = new Option<bool>("--no-peers") { Description = "Skip the external codecs (optipng, zopflipng, cwebp, cjxl)." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for compare.csv, summary.csv, report.md and chart.svg (created if missing)." };
        var threads = CommonOptions.Threads();
        threads.Description = "Images measured at once.";
        var device = CommonOptions.CodingDevice();

        var command = new Command("compare",
            "Compress every image with PixelCodec and with the classical lossless codecs, verify our round trips, and report bits per sub-pixel per set and in total.\n" +
            "Exits 1 if an image cannot be read or any PixelCodec round trip does not reproduce the input exactly.\n" +
            "Example: pixelcodec compare corpus --out out/compare")
        {
            paths, models, peers, output, threads, device,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            IReadOnlyList<ImageSource> sources = ImageSources.Expand(parse.GetValue(paths)!);
            // A comparison is a batch job: 'auto' takes a GPU wherever there is one (each product still
            // stays on the CPU where it is too small to pay for the copies).
            CodingDevices.Install(parse.GetValue(device)!, long.MaxValue);
            List<IProbabilityModel> chosen = parse.GetValue(models)!.Select(ModelChoice.Resolve).ToList();
            List<PeerCodec> available = parse.GetValue(peers) ? [] : PeerCodec.All.Where(p => p.IsInstalled).ToList();
            List<string> missing = parse.GetValue(peers) ? [] : PeerCodec.All.Where(p => !p.IsInstalled).Select(p => p.Name).ToList();
            foreach (string name in missing)
                Console.Error.WriteLine($"pixelcodec: note: {name} is not installed and is left out (./setup.sh installs it)");

            CompareSummary summary = Measure(sources, chosen, available, parse.GetValue(threads));
            ConsoleReport.Write(summary);
            if (parse.GetValue(output) is { } folder)
                WriteReports(folder, summary, available, missing);

            List<string> problems = summary.Problems.ToList();
            foreach (string problem in problems)
                Console.Error.WriteLine($"pixelcodec: error: {problem}");
            return problems.Count == 0 ? 0 : CommandRunner.Failure;
        }));
        return command;
    }

    private static CompareSummary Measure(IReadOnlyList<ImageSource> sources, List<IProbabilityModel> models, List<PeerCodec> peers, int threads)
    {
        string work = Directory.CreateTempSubdirectory("pixelcodec-compare-").FullName;
        try
        {
            var runner = new CompareRunner(models, peers, work);
            var results = new ImageResult[sources.Count];
            void RunAll(Action afterEach) =>
                Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    results[i] = runner.Run(sources[i]);
                    afterEach();
                });
            // A progress bar only where someone watches a terminal; in a log it would be a line per update.
            if (AnsiConsole.Profile.Capabilities.Interactive)
                AnsiConsole.Progress().AutoClear(true).Start(progress =>
                {
                    ProgressTask task = progress.AddTask($"comparing {sources.Count} images", maxValue: sources.Count);
                    RunAll(() => task.Increment(1));
                });
            else
                RunAll(() => { });
            return new CompareSummary(results, runner.CodecNames.ToList());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void WriteReports(string folder, CompareSummary summary, List<PeerCodec> peers, List<string> missing)
    {
        Directory.CreateDirectory(folder);
        string commandLine = "pixelcodec " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        Write(folder, "compare.csv", CsvReport.Images(summary));
        Write(folder, "summary.csv", CsvReport.Summary(summary));
        Write(folder, "chart.svg", SvgChart.Write(summary));
        Write(folder, "report.md", MarkdownReport.Write(summary, commandLine, peers, missing));
        Console.Error.WriteLine($"pixelcodec: reports written to {folder}");
    }

    private static void Write(string folder, string name, string text) =>
        OutputFile.Write(Path.Combine(folder, name), null, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
}
