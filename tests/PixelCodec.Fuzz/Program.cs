using PixelCodec.Fuzz;
using SharpFuzz;
using SharpFuzz.Common;

// dotnet PixelCodec.Fuzz.dll TARGET               one input on stdin (under afl-fuzz: input after input)
// dotnet PixelCodec.Fuzz.dll TARGET --replay DIR  every file of DIR once; exit 1 naming those that fail
if (args.Length is not (1 or 3) || !FuzzTargets.All.ContainsKey(args[0]) || (args.Length == 3 && args[1] != "--replay"))
{
    Console.Error.WriteLine($"usage: PixelCodec.Fuzz TARGET [--replay DIR]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
string target = args[0];
if (args.Length == 3)
{
    // The instrumented assemblies record coverage into AFL's shared memory: outside afl-fuzz they
    // get a private map instead, so replaying works with them as well as with a plain build.
    unsafe
    {
        Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    }
    int failed = 0;
    foreach (string file in Directory.GetFiles(args[2]).Order(StringComparer.Ordinal))
        if (!FuzzTargets.Survives(target, File.ReadAllBytes(file), out Exception? finding))
        {
            Console.Error.WriteLine($"{file}: {finding!.GetType().Name}: {finding.Message.ReplaceLineEndings(" ")} at {finding.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            failed++;
        }
    return failed == 0 ? 0 : 1;
}

Action<byte[]> parse = FuzzTargets.All[target];
Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        parse(buffer.ToArray());
    }
    catch (Exception e) when (FuzzTargets.IsDocumented(e))
    {
    }
});
return 0;
