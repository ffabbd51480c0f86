namespace Aft.Testing.Servers;

/// <summary>The local account the SSH and FTP test servers log in (made by <c>tests/servers/install.sh</c>).</summary>
public static class TestUser
{
    public const string Name = "aft-test";

    /// <summary>Its password, random per machine, kept root-only in <c>/var/lib/aft-test/password</c>.</summary>
    public static string Password { get; } = File.ReadAllText(TestServers.Find("the aft-test password", "/var/lib/aft-test/password")).Trim();

    /// <summary>Its home folder, where the servers' per-test roots are made.</summary>
    public static string Home => Path.Combine("/home", Name);
}
