using BenchmarkDotNet.Running;
using PixelCodec.Benchmarks;

// `coding-overhead DIR...` measures the range coder against the ideal code length of the baseline
// model's real tables; `png-rewrite SRC DST` re-encodes PNGs with our writer; `engine DIR LIMIT RUNS
// whole|tiles MODEL.pxim...` measures integer models as codecs (size, overhead, speed; tiles); anything else goes to
// BenchmarkDotNet (e.g. --filter '*RangeCoder*').
if (args.Length > 0 && args[0] == "coding-overhead")
    return CodingOverhead.Run(args[1..]);
if (args.Length >= 6 && args[0] == "engine")
    return EngineBench.Run(args[1], int.Parse(args[2]), int.Parse(args[3]), args[4] == "tiles", args[5..]);
if (args.Length == 3 && args[0] == "png-rewrite")
    return PngRewrite.Run(args[1], args[2]);
BenchmarkSwitcher.FromAssembly(typeof(RangeCoderBenchmarks).Assembly).Run(args);
return 0;
