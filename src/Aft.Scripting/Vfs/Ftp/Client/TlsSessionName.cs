using System.Net;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// The TLS name (SNI) one FTP session presents on its control and data connections. FTP servers refuse a data
/// connection that does not resume the TLS session of its own control connection (vsftpd's
/// <c>require_ssl_reuse</c>, proftpd's default). .NET resumes client sessions on its own, but only for a host
/// NAME, and keeps one session per exact name string: with two sessions open to one server, each new handshake
/// replaces the other's cached session and its next data connection is refused. So every live session gets a
/// spelling of its own: the host name with the case of its letters varied (DNS names are case-insensitive, so
/// SNI and the certificate check see the same name), or, for an IP address (which .NET never resumes for), a
/// name under the reserved <c>.invalid</c> domain. Names are handed out per host and given back on dispose.
/// </summary>
internal sealed class TlsSessionName : IDisposable
{
    private static readonly Dictionary<string, HashSet<int>> InUse = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _host;
    private readonly int _index;
    private int _released;

    private TlsSessionName(string host, int index)
    {
        _host = host;
        _index = index;
        Value = Spell(host, index);
    }

    public string Value { get; }

    public static TlsSessionName Rent(string host)
    {
        lock (InUse)
        {
            if (!InUse.TryGetValue(host, out var used))
            {
                InUse[host] = used = [];
            }

            var index = 0;
            while (used.Contains(index))
            {
                index++;
            }

            used.Add(index);
            return new TlsSessionName(host, index);
        }
    }

    /// <summary>
    /// The <paramref name="index"/>th spelling of <paramref name="host"/>. A name with few letters has few
    /// spellings; past them sessions share one (and a strict server may then refuse some data connections).
    /// </summary>
    internal static string Spell(string host, int index)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return $"{Convert.ToHexStringLower(address.GetAddressBytes())}-{index}.aft-ftps.invalid";
        }

        var letters = host.Count(char.IsAsciiLetter);
        var variant = letters >= 31 ? index : index % (1 << letters);
        var spelled = host.ToLowerInvariant().ToCharArray();
        var bit = 0;
        for (var i = 0; i < spelled.Length; i++)
        {
            if (char.IsAsciiLetter(spelled[i]))
            {
                if (((variant >> bit) & 1) == 1)
                {
                    spelled[i] = char.ToUpperInvariant(spelled[i]);
                }

                bit++;
            }
        }

        return new string(spelled);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        lock (InUse)
        {
            if (InUse.TryGetValue(_host, out var used) && used.Remove(_index) && used.Count == 0)
            {
                InUse.Remove(_host);
            }
        }
    }
}
