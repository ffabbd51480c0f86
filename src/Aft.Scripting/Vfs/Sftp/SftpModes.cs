using Renci.SshNet.Sftp;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>Unix permission bits to and from SSH.NET's attribute flags.</summary>
public static class SftpModes
{
    private static readonly (int Bit, Func<SftpFileAttributes, bool> Get, Action<SftpFileAttributes, bool> Set)[] Bits =
    [
        (0x100, a => a.OwnerCanRead, (a, v) => a.OwnerCanRead = v),
        (0x80, a => a.OwnerCanWrite, (a, v) => a.OwnerCanWrite = v),
        (0x40, a => a.OwnerCanExecute, (a, v) => a.OwnerCanExecute = v),
        (0x20, a => a.GroupCanRead, (a, v) => a.GroupCanRead = v),
        (0x10, a => a.GroupCanWrite, (a, v) => a.GroupCanWrite = v),
        (0x8, a => a.GroupCanExecute, (a, v) => a.GroupCanExecute = v),
        (0x4, a => a.OthersCanRead, (a, v) => a.OthersCanRead = v),
        (0x2, a => a.OthersCanWrite, (a, v) => a.OthersCanWrite = v),
        (0x1, a => a.OthersCanExecute, (a, v) => a.OthersCanExecute = v),
    ];

    public static int Of(SftpFileAttributes attributes) => Bits.Where(bit => bit.Get(attributes)).Sum(bit => bit.Bit);

    public static void Apply(SftpFileAttributes attributes, int mode)
    {
        foreach (var (bit, _, set) in Bits)
        {
            set(attributes, (mode & bit) != 0);
        }
    }
}
