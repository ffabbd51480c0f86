using Aft.Grains.Storage;

namespace Aft.Cli.Client;

/// <summary>Where a command's service is and how to talk to it, from the command's options.</summary>
/// <param name="Address">The service's base URL.</param>
/// <param name="HostGiven">Whether <c>--host</c> or <c>AFT_HOST</c> named the service (administration then never falls back to the data dir).</param>
/// <param name="ApiKey">From <c>--apikey</c> or <c>AFT_API_KEY</c>.</param>
/// <param name="Trust">Which certificates the service may present.</param>
/// <param name="DataDirectory">The local data dir (the local certificate, offline administration, <c>aft run</c>).</param>
public sealed record ServiceTarget(Uri Address, bool HostGiven, string? ApiKey, TlsTrust Trust, DataDirectory DataDirectory);
