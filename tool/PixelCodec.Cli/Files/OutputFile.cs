namespace PixelCodec.Cli.Files;

/// <summary>
/// Writes an output all at once: to a temporary file beside the target, renamed over it only when
/// complete, so a failed run leaves no partial file; "-" is standard output, written only once the
/// whole content exists. An interruption (Ctrl-C, SIGTERM) removes the temporary file (<see cref="InterruptCleanup"/>).
/// </summary>
internal static class OutputFile
{
    public static void Write(string path, string? inputPath, Action<Stream> write)
    {
        if (path == InputFile.StandardStream)
        {
            using var buffer = new MemoryStream();
            write(buffer);
            using Stream stdout = Console.OpenStandardOutput();
            buffer.Position = 0;
            buffer.CopyTo(stdout);
            return;
        }

        string fullPath = Path.GetFullPath(path);
        if (inputPath is not null && inputPath != InputFile.StandardStream && fullPath == Path.GetFullPath(inputPath))
            throw new UserFacingException($"refusing to overwrite the input '{inputPath}' with the output");
        if (Directory.Exists(fullPath))
            throw new UserFacingException($"'{path}' is a folder; give an output file name");
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
            throw new UserFacingException($"the output folder '{directory}' does not exist");

        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.tmp");
        using IDisposable cleanup = InterruptCleanup.Track(temporary);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
