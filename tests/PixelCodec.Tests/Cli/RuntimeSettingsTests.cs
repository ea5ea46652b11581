using System.Security.Cryptography;
using PixelCodec.Cli.Models;
using PixelCodec.Imaging;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// The bytes of a .prnn file must not depend on the CPU features the runtime uses or on the thread
/// count, and every setting must decode every other setting's files. Each setting runs the real
/// program in a child process (these variables are read at start-up) and its output is compared with
/// pinned hashes. A pinned hash changes only when the bitstream or a model changes on purpose: a
/// retrained shipped model gets its new hash here in the same commit.
/// </summary>
public class RuntimeSettingsTests
{
    public static TheoryData<string, string> Settings() => new()
    {
        { "default", "" },
        { "Vector512 on", "DOTNET_PreferredVectorBitWidth=512" },
        { "AVX-512 off", "DOTNET_EnableAVX512=0" },
        { "AVX2 off", "DOTNET_EnableAVX2=0" },
        { "all SIMD off", "DOTNET_EnableHWIntrinsic=0" },
    };

    private const string BaselinePinned = "fbb65bd2c324cd831b3a8843f120ad2edbd9ca2804257a9f1db9815683e96f7e";
    private const string WeightedPinned = "d2e6ee4539257048f5b3990f32bcce7a5fdb4c8422e470b562f8553127806626";

    /// <summary>Per shipped model, and the default (the default model blended with the baseline): the hash of corpus/imagenet32-valid/n01514859_hen.png coded whole, and in 16x16 tiles.</summary>
    private static readonly Dictionary<string, (string Whole, string Tiled)> NeuralPinned = new()
    {
        ["default"] = ("3ad8f59e9fb4b93594b98063b249f286993910cbde71daf7d8433fddd108abb1", "f92061d8cb7c1900c0a2ad06c65d70e5ec6d786e5b979de9431698632ea9b61a"),
        // Release 1's default, the two-expert blend: its bytes must not change.
        ["rowlstm-h64+baseline"] = ("082fa6d8c406e9b93334be39835752e29ac3848adbdb34613100e951ebb88a00", "4d25e4f569a69ee186d42f73313f1ee117ccc2ad78f5db97310cc96b1b645a16"),
        ["diagbilstm-h64"] = ("08afd5455dbf472cdbb0d2af2b4f28770aa6aa2f47684918d50f3ee8ec5dc867", "c604ca265e02a844a29d11b699747528b80632254c33dd29d0f000c8df5035e4"),
        ["pixelcnn-h64"] = ("e08db58ec28a15ff4c6044488dd7909e2175b01e412cdec953b9ced2c269abee", "f9a5183cc38d9d7a5ec8e86fee5cca3d66a39e54ddbbdb9ae4ef8f52873344d8"),
        ["rowlstm-h64"] = ("5cfadee94020deae4d0f9f995c9c0bd48ac9c09a4585a0d888624ae89deb9a7c", "7562981aac7197091025a86dcdd94b07a81544016095f1603489c805913a1d37"),
        ["rowlstm-h64-photos"] = ("b3ef13a6f70a99d82bea2fc90836a12ab24245e5edf84f5c2b0106d5a89006cb", "f84ec13a946c710b83860d9619ba5b89408e39bf1516c871ee67cc1eae7ad8b8"),
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void ClassicalBytesAreTheSameUnderEverySimdSettingAndThreadCount(string name, string setting)
    {
        string input = Path.Combine(RepoPaths.Root, "corpus", "photos", "GreenMeadow.png");
        foreach (string threads in new[] { "1", "2" })
        {
            AssertEncodesTo(BaselinePinned, input, ["-m", "baseline", "--tile", "64", "--threads", threads], name, setting);
            AssertEncodesTo(WeightedPinned, input, ["-m", "weighted", "--tile", "64", "--threads", threads], name, setting);
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void NeuralBytesAreTheSameUnderEverySimdSettingAndThreadCountAndDecodeExactly(string name, string setting)
    {
        string input = Path.Combine(RepoPaths.Root, "corpus", "imagenet32-valid", "n01514859_hen.png");
        Assert.Equal(NeuralPinned.Keys.Order(), ShippedModels.Names.Append(ModelChoice.Default).Append(ShippedModels.DefaultName + ModelChoice.WithBaseline).Order());
        foreach ((string model, (string whole, string tiled)) in NeuralPinned)
            foreach (string threads in new[] { "1", "2" })
            {
                AssertEncodesTo(whole, input, ["-m", model, "--threads", threads], name, setting);
                AssertEncodesTo(tiled, input, ["-m", model, "--tile", "16", "--threads", threads], name, setting);
            }
    }

    private static void AssertEncodesTo(string pinned, string input, string[] options, string name, string setting)
    {
        using var folder = new TempFolder();
        var environment = setting.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };
        string coded = folder.File("out.prnn"), decoded = folder.File("back.png");
        CliResult encode = CliProcess.Run(["encode", input, coded, .. options], environment: environment);
        Assert.True(encode.ExitCode == 0, $"{name}: {encode.StandardError}");
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(coded)));
        Assert.True(actual == pinned, $"{name}, {string.Join(' ', options)}: pinned {pinned}, got {actual}");

        CliResult decode = CliProcess.Run(["decode", coded, decoded, .. options.Where((o, i) => o == "--threads" || (i > 0 && options[i - 1] == "--threads"))], environment: environment);
        Assert.True(decode.ExitCode == 0, $"{name}: {decode.StandardError}");
        Assert.True(ImageFile.Read(File.ReadAllBytes(input)).PixelsEqual(ImageFile.Read(File.ReadAllBytes(decoded))), $"{name}: decoded pixels differ");
    }
}
