using Aft.Api.Local;
using Aft.Cli.Admin;
using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Aft.Scripting;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Transfers;
using Aft.Cli.Output;
using Microsoft.Extensions.Options;

namespace Aft.Cli.Running;

/// <summary><c>aft run</c> with no service on the data dir: the script runs in this process, with the data dir's secrets and settings.</summary>
public static class InProcessRun
{
    public static async Task<int> RunAsync(DataDirectory dataDirectory, string filePath, string code, string paramsJson)
    {
        await using var store = LocalStore.Open(dataDirectory);
        if (!(await store.Get<SettingsStore>().GetAsync()).AllowCliRun)
        {
            var onThisDataDir = dataDirectory.Path == new DataDirectory(DataDirectory.DefaultPath()).Path ? string.Empty : $" --data-dir {dataDirectory.Path}";
            throw new CliException(LocalApi.CliRunDisabled($"aft settings set allow-cli-run true{onThisDataDir}"));
        }

        using var halt = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        var grace = store.Get<IOptions<JobsOptions>>().Value.CancelGracePeriod;
        using var interrupts = new Interrupts(() =>
        {
            halt.Cancel();
            stop.CancelAfter(grace);
        });

        var request = new ScriptRunRequest(Guid.CreateVersion7().ToString("N"), code, paramsJson, Attempt: 1, Timeout: null, SourceName: filePath);
        var transfers = new TransferProgress();
        var progress = new ProgressDisplay(_ => Task.FromResult(JobProgress.From(transfers)));
        var environment = new ScriptEnvironment
        {
            Log = new ConsoleScriptLog(progress.Wrap(Console.Out)),
            Secrets = store.Get<SecretStore>(),
            Services = store.Services,
            Progress = transfers,
        };
        var runner = store.Get<ScriptRunner>();

        // Scripts block (Sleep, I/O) for as long as they like: give the run its own thread, as the service does.
        ScriptOutcome outcome;
        await using (progress)
        {
            outcome = await Task.Factory.StartNew(() => runner.Run(request, environment, halt.Token, stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        if (outcome.Kind != ScriptOutcomeKind.Succeeded)
        {
            Console.Error.WriteLine($"aft: the script {(outcome.Kind == ScriptOutcomeKind.TimedOut ? "timed out" : outcome.Kind.ToString().ToLowerInvariant())}: {outcome.Error}");
        }

        return outcome.Kind switch
        {
            ScriptOutcomeKind.Succeeded => ExitCodes.Ok,
            ScriptOutcomeKind.Cancelled => ExitCodes.JobCancelled,
            _ => ExitCodes.JobFailed,
        };
    }
}
