using System.Text.RegularExpressions;

namespace PixelCodec.Cli.Compare;

/// <summary>One image to compare, and the set (its folder) it is reported under.</summary>
internal sealed record ImageSource(string Set, string Path);

/// <summary>Expands the PATH arguments of `compare`: files, folders (searched recursively), and globs with *, ? and **.</summary>
internal static class ImageSources
{
    private static readonly string[] Extensions = [".png", ".pnm", ".ppm", ".pgm"];

    public static IReadOnlyList<ImageSource> Expand(IEnumerable<string> arguments)
    {
        var sources = new List<ImageSource>();
        foreach (string argument in arguments)
        {
            string[] files;
            if (File.Exists(argument))
                files = [argument];
            else if (Directory.Exists(argument))
                files = Directory.GetFiles(argument, "*", SearchOption.AllDirectories).Where(IsImage).ToArray();
            else if (argument.IndexOfAny(['*', '?']) >= 0)
                files = Glob(argument);
            else
                throw new UserFacingException($"'{argument}' does not exist");
            if (files.Length == 0)
                throw new UserFacingException($"'{argument}' holds no PNG or PNM images");
            sources.AddRange(files.Select(f => new ImageSource(SetName(f), f)));
        }
        return sources.DistinctBy(s => Path.GetFullPath(s.Path)).OrderBy(s => s.Set, StringComparer.Ordinal).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
    }

    private static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static string SetName(string file) => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)))!;

    // The part before the first wildcard segment is searched; the whole pattern is matched against the
    // path, '**' crossing folders, '*' and '?' not.
    private static string[] Glob(string pattern)
    {
        string normalised = pattern.Replace('\\', '/');
        string[] segments = normalised.Split('/');
        int firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?']) >= 0);
        string root = string.Join('/', segments[..firstWild]);
        string searchRoot = root.Length == 0 ? "." : root;
        if (!Directory.Exists(searchRoot))
            return [];

        var regex = new Regex("^" + GlobToRegex(normalised) + "$", RegexOptions.CultureInvariant);
        return Directory.GetFiles(searchRoot, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(Relative(f, root)))
            .ToArray();
    }

    private static string Relative(string file, string root)
    {
        string path = file.Replace('\\', '/');
        return root.Length == 0 && path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new System.Text.StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else
            {
                regex.Append(glob[i] switch { '*' => "[^/]*", '?' => "[^/]", var c => Regex.Escape(c.ToString()) });
            }
        }
        return regex.ToString();
    }
}
