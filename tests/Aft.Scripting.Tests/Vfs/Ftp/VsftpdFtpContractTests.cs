namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Plain FTP against vsftpd: passive mode, LIST parsing, SIZE/MDTM stat, REST + STOR resume.</summary>
public sealed class VsftpdFtpContractTests(VsftpdFtpFixture fixture) : FtpContract<VsftpdFtpFixture>(fixture);
