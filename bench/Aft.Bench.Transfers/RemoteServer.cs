namespace Aft.Bench.Transfers;

/// <summary>A server of the run, on loopback, as the scenarios use it.</summary>
/// <param name="Protocol">How titles name it: "SFTP", "FTP", "S3".</param>
/// <param name="Program">The server program whose CPU the report shows: "sshd", "vsftpd", "s3rver".</param>
/// <param name="Pid">Its listener's process id (a child of this process); a forking server's sessions run below it.</param>
/// <param name="Files">Its side of the transfers, on this machine's disk.</param>
/// <param name="Aft">AFT's Library entry for it.</param>
public sealed record RemoteServer(string Protocol, string Program, int Pid, ISideFiles Files, AftEntry Aft);
