namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>What a server announced in its <c>FEAT</c> reply (RFC 2389): one feature per line, a name and maybe arguments.</summary>
public sealed class FtpFeatures
{
    private readonly Dictionary<string, string> _features;

    private FtpFeatures(Dictionary<string, string> features) => _features = features;

    /// <summary>A server that does not know FEAT: nothing beyond RFC 959 is assumed.</summary>
    public static FtpFeatures None { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>MLST and MLSD (RFC 3659): machine-readable listings and single-file facts.</summary>
    public bool Mlst => Has("MLST");

    public bool Size => Has("SIZE");

    public bool Mdtm => Has("MDTM");

    /// <summary>Paths are UTF-8 and the server wants <c>OPTS UTF8 ON</c>.</summary>
    public bool Utf8 => Has("UTF8");

    public bool Has(string name) => _features.ContainsKey(name);

    /// <summary>The arguments of a feature ("type*;size*;" for MLST), or null when not announced.</summary>
    public string? Arguments(string name) => _features.GetValueOrDefault(name);

    /// <summary>Reads a 211 FEAT reply; the feature lines are the ones that start with a space.</summary>
    public static FtpFeatures Parse(FtpReply reply)
    {
        var features = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reply.Lines.Where(line => line.StartsWith(' ')))
        {
            var text = line.Trim();
            var space = text.IndexOf(' ');
            var name = space < 0 ? text : text[..space];
            if (name.Length > 0)
            {
                features[name] = space < 0 ? string.Empty : text[(space + 1)..].Trim();
            }
        }

        return new FtpFeatures(features);
    }
}
