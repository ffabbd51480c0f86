using Aft.Cli.Client;
using Aft.Cli.Commands;
using Aft.Grains.Storage;
using Aft.Silo;

namespace Aft.Cli.Running;

/// <summary>
/// <c>aft run</c> while a service holds the data dir: the file's code runs inside the service as a job (source
/// <c>cli</c>, listed like any other, with the service's secrets and VFS library), and its log streams back here.
/// The channel is the service's owner-only Unix socket, so no API key is involved.
/// </summary>
public static class DelegatedRun
{
    public static async Task<int> RunAsync(DataDirectory dataDirectory, string filePath, string code, string paramsJson)
    {
        await using var client = AftApiClient.ForLocalSocket(LocalSocket.PathIn(dataDirectory));
        var job = await client.RunCodeAsync(code, filePath, paramsJson);
        Console.Error.WriteLine($"aft: running as job {job.JobId} in the service on {dataDirectory.Path}");
        using var interrupts = new Interrupts(() => _ = CancelQuietlyAsync(client, job.JobId));
        return await JobFollowing.FollowAsync(client, job.JobId, Console.Out, json: false, CancellationToken.None, showProgress: true);
    }

    private static async Task CancelQuietlyAsync(AftApiClient client, string jobId)
    {
        try
        {
            await client.CancelJobAsync(jobId);
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"aft: could not cancel job {jobId}: {ex.Message}");
        }
    }
}
