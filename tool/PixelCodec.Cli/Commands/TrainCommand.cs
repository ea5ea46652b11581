using System.CommandLine;
using System.Globalization;
using PixelCodec.Cli.Training;
using PixelCodec.Engine;
using PixelCodec.Training;
using PixelCodec.Training.Distributed;
using PixelCodec.Training.Models;
using PixelCodec.Training.Runs;
using Spectre.Console;

namespace PixelCodec.Cli.Commands;

/// <summary>`pixelcodec train`: a float PixelRNN on libtorch, in one process or data-parallel.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var architecture = new Option<Architecture>("--arch") { Description = "PixelCnn, RowLstm, DiagonalBiLstm, or MultiScaleRowLstm (the conditional network of a Multi-Scale PixelRNN: the image given its 2x2 subsample).", DefaultValueFactory = _ => Architecture.PixelCnn };
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
        var init = new Option<string?>("--init") { Description = "Start a new run from this float model's weights (.pxfm), e.g. to fine-tune a shipped model; its architecture and sizes are used, except that --arch MultiScaleRowLstm starts a conditional network from a RowLstm model (its layers that read the subsample start at zero)." };
        var device = CommonOptions.TorchDevice();
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
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(timeout) <= 0)
                throw new UserFacingException("--timeout must be a positive number of seconds");
            if (parse.GetValue(bucket) < 1)
                throw new UserFacingException("--bucket-kib must be at least 1");
            DistributedOptions? distributed = Distributed(parse.GetValue(worldSize), parse.GetValue(rank), parse.GetValue(master), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(bucket) * 1024L);
            if (parse.GetValue(nproc) is { } workers)
            {
                if (distributed is not null)
                    throw new UserFacingException("--nproc starts the workers itself: leave out --world-size, --rank and --master");
                LocalWorkers.Run(workers, TimeSpan.FromSeconds(parse.GetValue(timeout)), threadsGiven: parse.GetResult(threads) is { Implicit: false });
                return 0;
            }
            long? maxSteps = parse.GetValue(steps);
            double? maxMinutes = parse.GetValue(minutes);
            if (maxSteps is null && maxMinutes is null)
                throw new UserFacingException("give a budget: --steps, --minutes, or both");
            ScheduleKind kind = parse.GetValue(schedule);
            if (kind == ScheduleKind.Cosine && maxSteps is null)
                throw new UserFacingException("the cosine schedule needs --steps");
            if (parse.GetValue(validEvery) < 1 || parse.GetValue(checkpointEvery) < 1)
                throw new UserFacingException("--valid-every and --checkpoint-every must be at least 1");
            if (parse.GetValue(crop) < 0)
                throw new UserFacingException("--crop must be 0 (whole images) or a crop size");
            var network = new NetworkConfig(parse.GetValue(architecture), parse.GetValue(hidden), parse.GetValue(layers), parse.GetValue(head));
            string? initialModel = parse.GetValue(init);
            if (initialModel is not null)
            {
                if (parse.GetValue(resume))
                    throw new UserFacingException("--init starts a new run; --resume continues one from its own checkpoint: give one of them");
                if (new Option[] { hidden, layers, head }.Any(o => parse.GetResult(o) is { Implicit: false }))
                    throw new UserFacingException("--init takes the sizes from the model: leave out --hidden, --layers and --head");
                // Rank 0 reads it and sends its weights and sizes to the others, which need no copy.
                if (distributed is not { Rank: > 0 })
                {
                    NetworkConfig start = FloatModelFile.Read(initialModel).Config;
                    network = parse.GetResult(architecture) is { Implicit: false } ? start with { Architecture = parse.GetValue(architecture) } : start;
                    if (!network.CanStartFrom(start))
                        throw new UserFacingException($"--init {initialModel} is {start.Describe()}: a {network.Architecture} run cannot start from it (leave out --arch, or give MultiScaleRowLstm for a RowLstm model)");
                }
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
                return 0;
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
            return 0;
        }));
        return command;
    }

    private static DistributedOptions? Distributed(int? worldSize, int? rank, string? master, TimeSpan timeout, long bucketBytes)
    {
        if (worldSize is null && rank is null && master is null)
            return null;
        if (worldSize is not { } size || rank is not { } r || master is null)
            throw new UserFacingException("a worker of a data-parallel run needs --world-size, --rank and --master together (or --nproc for workers on this machine)");
        (string host, int port) = DistributedOptions.ParseMaster(master);
        var options = new DistributedOptions(size, r, host, port, timeout, bucketBytes);
        options.Validate();
        return options;
    }
}
