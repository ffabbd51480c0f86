namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Implicit FTPS against proftpd: MLSD and MLST, and the strict TLS session check (data tickets must be the control session's).</summary>
public sealed class ProftpdFtpsContractTests(ProftpdFtpsFixture fixture) : FtpContract<ProftpdFtpsFixture>(fixture);
