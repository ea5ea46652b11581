using System.Security.Cryptography;
using PixelCodec.Tests.TestSupport;

namespace PixelCodec.Tests.Cli;

/// <summary>
/// The bytes of a .prnn file must not depend on the CPU features the runtime uses or on the thread
/// count. Each setting runs the real program in a child process (these variables are read at
/// start-up) and its output is compared with the pinned hash.
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

    private const string PinnedSha256 = "fbb65bd2c324cd831b3a8843f120ad2edbd9ca2804257a9f1db9815683e96f7e";

    [Theory]
    [MemberData(nameof(Settings))]
    public void EncodedBytesAreTheSameUnderEverySimdSettingAndThreadCount(string name, string setting)
    {
        using var folder = new TempFolder();
        string input = Path.Combine(RepoPaths.Root, "corpus", "photos", "GreenMeadow.png");
        var environment = setting.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };
        foreach (string threads in new[] { "1", "2" })
        {
            CliResult result = CliProcess.Run(["encode", input, folder.File($"{threads}.prnn"), "--tile", "64", "--threads", threads], environment: environment);
            Assert.True(result.ExitCode == 0, $"{name}: {result.StandardError}");
            string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File($"{threads}.prnn"))));
            Assert.True(actual == PinnedSha256, $"{name}, {threads} thread(s): pinned {PinnedSha256}, got {actual}");
        }
    }
}
