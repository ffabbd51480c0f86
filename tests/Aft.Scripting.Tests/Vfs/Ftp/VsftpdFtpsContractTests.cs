namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Explicit FTPS against vsftpd, which refuses data connections that do not resume the control connection's TLS session.</summary>
public sealed class VsftpdFtpsContractTests(VsftpdFtpsFixture fixture) : FtpContract<VsftpdFtpsFixture>(fixture);
