using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// Files that earlier releases wrote (tests/golden/IMAGE.MODEL.prnn, IMAGE from corpus/) still decode
/// exactly: a retrained default must not strand them, so the models they name stay in the program.
/// </summary>
public class EarlierReleaseFileTests
{
    public static TheoryData<string> GoldenFiles() => new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "golden"), "*.prnn").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void DecodesExactlyAndNamesItsModel(string fileName)
    {
        using var folder = new TempFolder();
        string golden = Path.Combine(RepoPaths.Root, "tests", "golden", fileName);
        string imageName = fileName.Split('.')[0] + ".png";
        string source = Directory.GetFiles(Path.Combine(RepoPaths.Root, "corpus"), imageName, SearchOption.AllDirectories).Single();

        CliResult decode = CliProcess.Run(["decode", golden, folder.File("back.png")]);
        Assert.True(decode.ExitCode == 0, decode.StandardError);
        Assert.True(ImageFile.Read(File.ReadAllBytes(source)).PixelsEqual(ImageFile.Read(File.ReadAllBytes(folder.File("back.png")))));

        CliResult info = CliProcess.Run(["info", golden]);
        Assert.Contains(fileName.Split('.')[1], info.StandardOutputText);
    }

    [Fact]
    public void RetiredModelsDecodeButAreNotOfferedForEncoding()
    {
        Assert.NotEmpty(ShippedModels.Retired);
        foreach (var retired in ShippedModels.Retired)
        {
            Assert.DoesNotContain(retired.Identity.Name, ShippedModels.Names);
            Assert.DoesNotContain(ShippedModels.All, m => m.Identity.Equals(retired.Identity));
        }
    }
}
