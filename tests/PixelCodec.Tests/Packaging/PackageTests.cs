using System.Diagnostics;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Packaging;

/// <summary>
/// What a user gets from `dotnet pack`: the library package, referenced from a local folder by a
/// fresh project, round-trips an image; the tool package, installed with `dotnet tool install`, runs
/// `pixelcodec encode` and `decode`. Both packed in the configuration under test (already built, so
/// the pack only collects), restored into a private package cache, so nothing earlier is reused.
/// </summary>
public class PackageTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    // The configuration these tests were built in (bin/Release/net10.0/ or bin/Debug/net10.0/).
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish in {Bound}");
        }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {output.Result} {error.Result}");
        return output.Result;
    }

    private static string Pack(TempFolder folder, string project)
    {
        string packages = folder.File("packages");
        Run(RepoPaths.Root, new Dictionary<string, string>(), "dotnet", "pack", project, "-c", Configuration, "-o", packages);
        return packages;
    }

    private static Dictionary<string, string> PrivateCache(TempFolder folder) => new() { ["NUGET_PACKAGES"] = folder.File("nuget-cache") };

    [Fact]
    public void AFreshProjectReferencingThePackedLibraryRoundTripsAnImage()
    {
        using var folder = new TempFolder();
        string packages = Pack(folder, "codec/PixelCodec.Library/PixelCodec.Library.csproj");
        Assert.Single(Directory.GetFiles(packages, "PixelCodec.*.nupkg"));

        string app = folder.File("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"),
            $"""<configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>""");
        File.WriteAllText(Path.Combine(app, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="PixelCodec" Version="*" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using PixelCodec;
            using PixelCodec.Imaging;

            RasterImage image = ImageFile.Read(File.ReadAllBytes(args[0]));
            byte[] file = PrnnCodec.Encode(image, new EncodeOptions { Model = args[1] });
            RasterImage back = PrnnCodec.Decode(file);
            Console.WriteLine($"{file.Length} bytes, exact: {back.PixelsEqual(image)}");
            try { PrnnCodec.Decode(file[..^1]); } catch (PrnnFormatException e) { Console.WriteLine($"refused: {e.Message}"); }
            """);
        string input = folder.File("in.png");
        File.WriteAllBytes(input, PngWriter.Encode(SyntheticImages.Photo(12, 9, PixelFormat.Rgb)));

        Dictionary<string, string> cache = PrivateCache(folder);
        foreach (string model in new[] { "default", "weighted" })
        {
            string output = Run(app, cache, "dotnet", "run", "-c", "Release", "--", input, model);
            Assert.Contains("exact: True", output);
            Assert.Contains("refused: the file is truncated", output);
        }
    }

    [Fact]
    public void TheInstalledToolEncodesAndDecodes()
    {
        using var folder = new TempFolder();
        string packages = Pack(folder, "tool/PixelCodec.Cli/PixelCodec.Cli.csproj");
        Assert.Single(Directory.GetFiles(packages, "PixelCodec.Tool.*.nupkg"));

        Dictionary<string, string> cache = PrivateCache(folder);
        string tools = folder.File("tools");
        Run(folder.Path, cache, "dotnet", "tool", "install", "PixelCodec.Tool", "--tool-path", tools, "--add-source", packages);
        string pixelcodec = Path.Combine(tools, "pixelcodec");

        File.WriteAllBytes(folder.File("in.png"), PngWriter.Encode(SyntheticImages.Photo(10, 7, PixelFormat.Rgba)));
        Run(folder.Path, cache, pixelcodec, "encode", "in.png", "out.prnn");
        Run(folder.Path, cache, pixelcodec, "decode", "out.prnn", "back.png");
        Assert.True(ImageFile.Read(File.ReadAllBytes(folder.File("in.png"))).PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));
        Assert.Contains(ShippedModels.DefaultName, Run(folder.Path, cache, pixelcodec, "info", "out.prnn"));
    }
}
