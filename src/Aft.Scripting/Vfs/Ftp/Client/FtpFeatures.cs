namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>What a server announced in its <c>FEAT</c> reply (RFC 2389).</summary>
public sealed class FtpFeatures
{
    private readonly HashSet<string> _features;

    private FtpFeatures(HashSet<string> features) => _features = features;

    /// <summary>A server that does not know FEAT: nothing beyond RFC 959 is assumed.</summary>
    public static FtpFeatures None { get; } = new([]);

    /// <summary>MLST and MLSD (RFC 3659): machine-readable listings and single-file facts.</summary>
    public bool Mlst => Has("MLST");

    /// <summary>Paths are UTF-8 and the server wants <c>OPTS UTF8 ON</c>.</summary>
    public bool Utf8 => Has("UTF8");

    public bool Has(string name) => _features.Contains(name);

    /// <summary>Reads a 211 FEAT reply; the feature lines are the ones that start with a space.</summary>
    public static FtpFeatures Parse(FtpReply reply)
    {
        // A feature line is its name, maybe followed by arguments ("MLST type*;size*;", "REST STREAM").
        var names = reply.Lines.Where(line => line.StartsWith(' ')).Select(line => line.Trim().Split(' ')[0]).Where(name => name.Length > 0);
        return new FtpFeatures(new HashSet<string>(names, StringComparer.OrdinalIgnoreCase));
    }
}
