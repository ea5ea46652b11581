using PixelCodec.Cli.Files;
using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Imaging;
using PixelCodec.Training;

namespace PixelCodec.Cli;

/// <summary>
/// The one error policy of every command: runs its body and turns every failure into one line on
/// stderr and a non-zero exit code; an interruption too (<see cref="InterruptCleanup"/>).
/// </summary>
internal static class CommandRunner
{
    public const int Failure = 1;
    public const int InternalError = 70;

    public static int Run(Func<int> body)
    {
        InterruptCleanup.Install();
        try
        {
            return body();
        }
        catch (Exception e) when (e is UserFacingException or ImageFormatException or PrnnFormatException or InvalidModelException or TrainingException or UnknownModelException)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pixelcodec: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return InternalError;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pixelcodec: error: {OneLine(message)}");
        return Failure;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

/// <summary>A failure caused by what the user asked for; its message says what to change.</summary>
internal sealed class UserFacingException(string message) : Exception(message);
