using PixelCodec.Fuzz;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Fuzzing;

/// <summary>
/// The fuzzing targets' seeds, and every input a fuzzing run found to crash or hang a parser
/// (tests/fuzz/regressions/TARGET/, kept after the fix), are accepted or refused as documented.
/// </summary>
public class FuzzInputTests
{
    public static TheoryData<string, string> Inputs()
    {
        var inputs = new TheoryData<string, string>();
        foreach (string kind in new[] { "seeds", "regressions" })
        {
            string root = Path.Combine(RepoPaths.Root, "tests", "fuzz", kind);
            foreach (string folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
                foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                    inputs.Add(Path.GetFileName(folder), Path.GetRelativePath(RepoPaths.Root, file));
        }
        return inputs;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void IsAcceptedOrRefusedAsDocumented(string target, string file)
    {
        Assert.True(FuzzTargets.Survives(target, File.ReadAllBytes(Path.Combine(RepoPaths.Root, file)), out Exception? finding), $"{file}: {finding}");
    }

    [Fact]
    public void EveryTargetHasSeedsAndEverySeedFolderATarget()
    {
        string seeds = Path.Combine(RepoPaths.Root, "tests", "fuzz", "seeds");
        Assert.Equal(FuzzTargets.All.Keys.Order(), Directory.GetDirectories(seeds).Select(Path.GetFileName).Order()!);
        Assert.All(Directory.GetDirectories(seeds), folder => Assert.NotEmpty(Directory.GetFiles(folder)));
    }
}
