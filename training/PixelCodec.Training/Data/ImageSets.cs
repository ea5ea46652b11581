using System.Formats.Tar;

namespace PixelCodec.Training.Data;

/// <summary>
/// Opens training or validation images from what users have: a folder of PNGs; the PixelRNN
/// authors' ImageNet layout (a folder or .tar holding train_32x32/ and valid_32x32/); or
/// Chrabaszcz et al.'s .npz batches (a file, or a folder of them).
/// </summary>
public static class ImageSets
{
    /// <param name="split">For the authors' layout, the sub-folder to read: e.g. "train_32x32". Ignored elsewhere.</param>
    public static IImageCollection Open(string path, string? split = null)
    {
        if (File.Exists(path))
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".tar" => FromTar(path, split),
                ".npz" => new NpzImageCollection([path]),
                _ => throw new TrainingException($"'{path}' is not a folder, .tar or .npz"),
            };
        }
        if (!Directory.Exists(path))
            throw new TrainingException($"data path '{path}' does not exist");

        if (split is not null && Directory.Exists(Path.Combine(path, split)))
            path = Path.Combine(path, split);
        string[] npz = Directory.GetFiles(path, "*.npz");
        if (npz.Length > 0)
            return new NpzImageCollection(npz.Order(StringComparer.Ordinal));
        string[] pngs = Directory.GetFiles(path, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        return new EncodedImageCollection($"'{path}'", pngs.Select(f => (f, (Func<byte[]>)(() => File.ReadAllBytes(f)))).ToList());
    }

    private static IImageCollection FromTar(string path, string? split)
    {
        var images = new List<(string Entry, byte[] Bytes)>();
        using (var reader = new TarReader(File.OpenRead(path)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    continue;
                if (!entry.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                    continue;
                using var data = new MemoryStream();
                entry.DataStream.CopyTo(data);
                images.Add((entry.Name, data.ToArray()));
            }
        }
        // Like a folder: the split's sub-folder when the archive has one, else every PNG in it.
        var inSplit = images.Where(i => split is not null && i.Entry.Split('/').Contains(split)).ToList();
        return new EncodedImageCollection($"'{path}'", (inSplit.Count > 0 ? inSplit : images)
            .OrderBy(i => i.Entry, StringComparer.Ordinal)
            .Select(i => ($"{path}:{i.Entry}", (Func<byte[]>)(() => i.Bytes)))
            .ToList());
    }
}
