namespace PixelCodec.Tests.TestSupport;

/// <summary>Where the repository and the shared data folder beside it are, found from the test binary.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.Combine(Root, "..", "shared", "data");

    public static string Fixture(string name) => Path.Combine(Root, "tests", "PixelCodec.Tests", "Imaging", "Fixtures", name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PixelCodec.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"no PixelCodec.sln above {AppContext.BaseDirectory}");
    }
}
