namespace Aft.Bench.Transfers;

/// <summary>The VFS Library entry of a remote side, as AFT gets it over REST (<c>PUT /v1/vfs/{name}</c>).</summary>
/// <param name="Name">The entry's name ("bench-ftp").</param>
/// <param name="Type">The VFS type ("sftp", "ftp", "s3").</param>
/// <param name="Target">Where the server is (<c>127.0.0.1:PORT</c>, <c>bucket/prefix</c>).</param>
/// <param name="Options">The type's options (<c>user</c>, <c>root</c>, <c>endpoint</c>…).</param>
/// <param name="Credentials">Each credential field's value; AFT keeps them as secrets, which the entry names.</param>
public sealed record AftEntry(
    string Name, string Type, string Target, IReadOnlyDictionary<string, string> Options, IReadOnlyDictionary<string, string> Credentials);
