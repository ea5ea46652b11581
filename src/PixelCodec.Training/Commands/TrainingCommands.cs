using System.CommandLine;
using System.Globalization;
using PixelCodec.Engine;
using PixelCodec.Training.Data;
using PixelCodec.Training.Distributed;
using PixelCodec.Training.Export;
using PixelCodec.Training.Models;
using PixelCodec.Training.Training;
using Spectre.Console;

namespace PixelCodec.Training.Commands;

/// <summary>`pixelcodec train` and `pixelcodec eval`. Each returns 0, or 1 after one line on stderr.</summary>
public static class TrainingCommands
{
    public static Command CreateTrain()
    {
        var architecture = new Option<Architecture>("--arch") { Description = "PixelCnn, RowLstm or DiagonalBiLstm.", DefaultValueFactory = _ => Architecture.PixelCnn };
        var hidden = new Option<int>("--hidden") { Description = "h: recurrent state width; maps between layers are 2h wide.", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "Residual blocks (PixelCNN) or LSTM layers.", DefaultValueFactory = _ => 6 };
        var head = new Option<int>("--head") { Description = "Width of the two ReLU + 1x1 output layers.", DefaultValueFactory = _ => 512 };
        var trainData = new Option<string>("--train") { Description = "Training images: a folder of PNGs, the authors' layout (folder or .tar with train_32x32/), or .npz batches.", Required = true };
        var validData = new Option<string>("--valid") { Description = "Validation images, in any of the same forms (valid_32x32/ is used where present).", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: model.pxfm, optimizer.pt, state.json, log.csv, curve.svg.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out exactly where its last checkpoint left it (same seed and batch)." };
        var optimizer = new Option<OptimizerKind>("--optimizer") { Description = "RmsProp (the paper's) or Adam.", DefaultValueFactory = _ => OptimizerKind.Adam };
        var learningRate = new Option<double>("--lr") { Description = "Initial learning rate.", DefaultValueFactory = _ => 1e-3 };
        var schedule = new Option<ScheduleKind>("--lr-schedule") { Description = "Constant, Cosine (to --steps) or Exponential (--lr-decay every 1000 steps).", DefaultValueFactory = _ => ScheduleKind.Constant };
        var decay = new Option<double>("--lr-decay") { Description = "Exponential schedule: factor per 1000 steps.", DefaultValueFactory = _ => 0.9 };
        var clip = new Option<double>("--clip") { Description = "Clip the gradient norm to this (0: no clipping).", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seeds the weights and the data order.", DefaultValueFactory = _ => 1 };
        var steps = new Option<long?>("--steps") { Description = "Stop at this step (counted from the start of the run, resumes included)." };
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes of this invocation." };
        var validEvery = new Option<int>("--valid-every") { Description = "Validate every this many steps.", DefaultValueFactory = _ => 500 };
        var validImages = new Option<int>("--valid-images") { Description = "Validate on the first this many images (0: all).", DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint every this many steps (and at every validation).", DefaultValueFactory = _ => 200 };
        var crop = new Option<int>("--crop") { Description = "Train on random N x N crops of a folder of PNGs of any size (a new position per image per epoch, seeded); images smaller than N are left out. 0: whole images, all of one size.", DefaultValueFactory = _ => 0 };
        var init = new Option<string?>("--init") { Description = "Start a new run from this float model's weights (.pxfm), e.g. to fine-tune a shipped model; its architecture and sizes are used." };
        var device = DeviceOption();
        var threads = new Option<int>("--threads") { Description = "libtorch threads in this process (0: all cores; with --nproc, the cores shared among the workers).", DefaultValueFactory = _ => 0 };
        var nproc = new Option<int?>("--nproc") { Description = "Data-parallel: start this many workers on this machine (ranks of one run over 127.0.0.1); --batch is shared among them." };
        var worldSize = new Option<int?>("--world-size") { Description = "Data-parallel: the number of workers in the run (with --rank and --master, once on each machine)." };
        var rank = new Option<int?>("--rank") { Description = "Data-parallel: this worker's rank, 0 to --world-size - 1; rank 0 reads and writes --out, serves --master and logs." };
        var master = new Option<string?>("--master") { Description = "Data-parallel: HOST:PORT where rank 0 serves the rendezvous (TCPStore); every worker must reach it." };
        var bucket = new Option<int>("--bucket-kib") { Description = "Data-parallel: gradients are all-reduced in buckets of about this many KiB, each as soon as backward fills it.", DefaultValueFactory = _ => (int)(DistributedOptions.DefaultBucketBytes / 1024) };
        var timeout = new Option<double>("--timeout") { Description = "Data-parallel: seconds to wait for a worker (rendezvous, each collective) before failing.", DefaultValueFactory = _ => DistributedOptions.DefaultTimeout.TotalSeconds };

        var command = new Command("train", "Train a PixelRNN (float, libtorch) on 32x32-style images, or on random crops of photographs (--crop).\n" +
            "Example: pixelcodec train --arch RowLstm --hidden 64 --layers 4 --train ../shared/data/imagenet32-sample --valid ../shared/data/imagenet32-sample --out runs/rowlstm --minutes 20")
        {
            architecture, hidden, layers, head, trainData, validData, output, resume, optimizer, learningRate, schedule, decay, clip, batch, seed, steps, minutes, validEvery, validImages, checkpointEvery, crop, init, device,
            threads, nproc, worldSize, rank, master, timeout, bucket,
        };
        command.SetAction(parse => Guard(() =>
        {
            if (parse.GetValue(timeout) <= 0)
                throw new TrainingException("--timeout must be a positive number of seconds");
            if (parse.GetValue(bucket) < 1)
                throw new TrainingException("--bucket-kib must be at least 1");
            DistributedOptions? distributed = Distributed(parse.GetValue(worldSize), parse.GetValue(rank), parse.GetValue(master), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(bucket) * 1024L);
            if (parse.GetValue(nproc) is { } workers)
            {
                if (distributed is not null)
                    throw new TrainingException("--nproc starts the workers itself: leave out --world-size, --rank and --master");
                LocalWorkers.Run(workers, TimeSpan.FromSeconds(parse.GetValue(timeout)), threadsGiven: parse.GetResult(threads) is { Implicit: false });
                return;
            }
            long? maxSteps = parse.GetValue(steps);
            double? maxMinutes = parse.GetValue(minutes);
            if (maxSteps is null && maxMinutes is null)
                throw new TrainingException("give a budget: --steps, --minutes, or both");
            ScheduleKind kind = parse.GetValue(schedule);
            if (kind == ScheduleKind.Cosine && maxSteps is null)
                throw new TrainingException("the cosine schedule needs --steps");
            if (parse.GetValue(validEvery) < 1 || parse.GetValue(checkpointEvery) < 1)
                throw new TrainingException("--valid-every and --checkpoint-every must be at least 1");
            if (parse.GetValue(crop) < 0)
                throw new TrainingException("--crop must be 0 (whole images) or a crop size");
            var network = new NetworkConfig(parse.GetValue(architecture), parse.GetValue(hidden), parse.GetValue(layers), parse.GetValue(head));
            string? initialModel = parse.GetValue(init);
            if (initialModel is not null)
            {
                if (parse.GetValue(resume))
                    throw new TrainingException("--init starts a new run; --resume continues one from its own checkpoint: give one of them");
                if (new Option[] { architecture, hidden, layers, head }.Any(o => parse.GetResult(o) is { Implicit: false }))
                    throw new TrainingException("--init takes the architecture and sizes from the model: leave out --arch, --hidden, --layers and --head");
                // Rank 0 reads it and sends its weights and sizes to the others, which need no copy.
                if (distributed is not { Rank: > 0 })
                    network = FloatModelFile.Read(initialModel).Config;
            }
            var options = new TrainingOptions(
                network,
                parse.GetValue(trainData)!, parse.GetValue(validData)!, parse.GetValue(output)!, parse.GetValue(resume),
                parse.GetValue(optimizer), new LearningRateSchedule(kind, parse.GetValue(learningRate), maxSteps ?? 0, parse.GetValue(decay)),
                parse.GetValue(clip), parse.GetValue(batch), parse.GetValue(seed), maxSteps, maxMinutes,
                parse.GetValue(validEvery), parse.GetValue(validImages), parse.GetValue(checkpointEvery), parse.GetValue(device)!,
                parse.GetValue(crop), initialModel, distributed, parse.GetValue(threads));
            if (distributed is { Rank: > 0 })
            {
                TrainingResult done = new TrainingRun(options).Run();
                Console.WriteLine($"rank {distributed.Rank}: step {done.Step}, done (rank 0 writes the model)");
                return;
            }

            TrainingResult result = null!;
            AnsiConsole.Progress().Start(progress =>
            {
                ProgressTask task = progress.AddTask("training", maxValue: 1);
                result = new TrainingRun(options).Run(p =>
                {
                    task.Value = Math.Min(1, p.Fraction);
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"step {p.Step}: train {p.TrainBits:0.000} bits/dim, valid {(p.ValidBits is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-")}, {p.ImagesPerSecond:0.0} images/s");
                });
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {result.Step}: validation {result.ValidBits:0.0000} bits/dim after {result.ElapsedSeconds:0} s (waited {result.BatchWaitSeconds:0.0} s for batches{(distributed is null ? "" : $", {result.AllReduceWaitSeconds:0.0} s for gradient all-reduces")}); model in {result.ModelPath}"));
        }));
        return command;
    }

    private static DistributedOptions? Distributed(int? worldSize, int? rank, string? master, TimeSpan timeout, long bucketBytes)
    {
        if (worldSize is null && rank is null && master is null)
            return null;
        if (worldSize is not { } size || rank is not { } r || master is null)
            throw new TrainingException("a worker of a data-parallel run needs --world-size, --rank and --master together (or --nproc for workers on this machine)");
        (string host, int port) = DistributedOptions.ParseMaster(master);
        var options = new DistributedOptions(size, r, host, port, timeout, bucketBytes);
        options.Validate();
        return options;
    }

    public static Command CreateEval()
    {
        var model = new Option<string>("--model") { Description = "A float model (.pxfm) from `pixelcodec train`: its NLL (libtorch); or an integer model (.pxim): its code length (no libtorch).", Required = true };
        var data = new Option<string>("--data") { Description = "Images: a folder of PNGs, the authors' layout (valid_32x32/ is used), a .tar, or .npz batches.", Required = true };
        var images = new Option<int>("--images") { Description = "Evaluate the first this many images (0: all).", DefaultValueFactory = _ => 0 };
        var device = DeviceOption();
        var command = new Command("eval", "Print a model's negative log-likelihood on a set of images, in bits per sub-pixel.\nExample: pixelcodec eval --model runs/rowlstm/model.pxfm --data ../shared/data/imagenet32-sample")
        {
            model, data, images, device,
        };
        command.SetAction(parse => Guard(() =>
        {
            string path = parse.GetValue(model)!;
            EvaluationSet set = EvaluationSet.Open(parse.GetValue(data)!, "valid_32x32", parse.GetValue(images));
            if (path.EndsWith(".pxim", StringComparison.OrdinalIgnoreCase))
            {
                IntegerModel integer = ReadIntegerModel(path);
                double codeLength = IntegerEvaluation.BitsPerSubpixel(integer, set);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{codeLength:0.0000} bits/dim integer code length on {Describe(set)}"));
                return;
            }
            FloatModel saved = FloatModelFile.Read(path);
            using Network network = Network.Create(saved.Config, seed: 0, parse.GetValue(device)!);
            network.WriteParameters(saved.Tensors);
            double bits = set.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bits:0.0000} bits/dim NLL on {Describe(set)}"));
        }));
        return command;
    }

    public static Command CreateExport()
    {
        var model = new Option<string>("--model") { Description = "The float model (.pxfm) to export.", Required = true };
        var calibration = new Option<string>("--calibration") { Description = "Images to calibrate activation scales on (train_32x32/ is used where present).", Required = true };
        var calibrationImages = new Option<int>("--calibration-images") { Description = "How many calibration images to use.", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "The integer model file to write (.pxim).", Required = true };
        var valid = new Option<string?>("--valid") { Description = "Also report float NLL and integer code length on these images (valid_32x32/ where present)." };
        var validImages = new Option<int>("--valid-images") { Description = "Validate on the first this many images (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Turn a float model into the integer model the codec runs (bit-exact on every machine).\n" +
            "Example: pixelcodec export --model runs/rowlstm/model.pxfm --calibration ../shared/data/imagenet32-sample --out rowlstm.pxim --valid ../shared/data/imagenet32-sample")
        {
            model, calibration, calibrationImages, output, valid, validImages,
        };
        command.SetAction(parse => Guard(() =>
        {
            FloatModel saved = FloatModelFile.Read(parse.GetValue(model)!);
            IImageCollection calibrationSet = ImageSets.Open(parse.GetValue(calibration)!, "train_32x32");
            IntegerModel integer = IntegerExport.Export(saved, IntegerEvaluation.Calibration(calibrationSet, parse.GetValue(calibrationImages)));
            byte[] file = IntegerModelFile.Write(integer);
            string path = parse.GetValue(output)!;
            string temporary = path + ".tmp";
            try
            {
                File.WriteAllBytes(temporary, file);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            Console.WriteLine($"{path}: {integer.Description}, {file.Length} bytes, model id {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file), 0, 6)}");
            if (parse.GetValue(valid) is { } validPath)
            {
                EvaluationSet set = EvaluationSet.Open(validPath, "valid_32x32", parse.GetValue(validImages));
                using Network network = Network.Create(saved.Config, seed: 0);
                network.WriteParameters(saved.Tensors);
                double floatBits = set.BitsPerSubpixel(g => Evaluation.BitsPerSubpixel(network, g));
                double integerBits = IntegerEvaluation.BitsPerSubpixel(integer, set);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"float NLL {floatBits:0.0000} bits/dim, integer code length {integerBits:0.0000} bits/dim ({(integerBits / floatBits - 1) * 100:+0.00;-0.00}%) on {Describe(set)}"));
            }
        }));
        return command;
    }

    private static string Describe(EvaluationSet set) =>
        $"{set.Count} images" + (set.GreySkipped > 0 ? $" ({set.GreySkipped} grey images left out: the codec codes grey with a classical model)" : "");

    private static IntegerModel ReadIntegerModel(string path)
    {
        if (!File.Exists(path))
            throw new TrainingException($"model file '{path}' does not exist");
        try
        {
            return IntegerModelFile.Read(File.ReadAllBytes(path));
        }
        catch (InvalidModelException e)
        {
            throw new TrainingException($"'{path}': {e.Message}");
        }
    }

    private static Option<string> DeviceOption() => new("--device")
    {
        Description = "libtorch device: cpu, or cuda where the shim was built against a CUDA libtorch.",
        DefaultValueFactory = _ => "cpu",
    };

    private static int Guard(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is TrainingException or InvalidModelException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pixelcodec: error: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
