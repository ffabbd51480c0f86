namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Active mode (EPRT: vsftpd connects back to the client).</summary>
public sealed class VsftpdActiveFtpContractTests(VsftpdFtpFixture fixture)
    : FtpContract<VsftpdFtpFixture>(fixture, new Dictionary<string, string> { ["passive"] = "false" });
