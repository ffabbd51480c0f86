using Aft.Bench.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Bench;

/// <summary>
/// Measures AFT against the baseline in one run: durable submissions at 1, 16 and 64 clients, status polls at
/// 64 clients, and end-to-end throughput of trivial jobs. Prints a Markdown report.
/// </summary>
public static class BenchmarkRun
{
    private const string TrivialScript = "Log.Info(\"x\"); Exit(0);";

    public static async Task<int> RunAsync(string[] args)
    {
        var duration = TimeSpan.FromSeconds(Option(args, "--duration", 10));
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 2));
        var jobCount = Option(args, "--jobs", 5000);
        var dataDir = Directory.CreateTempSubdirectory("aft-bench-").FullName;
        var report = new StringBuilder();

        var baselinePort = ServerProcess.FreePort();
        var aftPort = ServerProcess.FreePort();
        using var baseline = await ServerProcess.StartAsync(Dotnet(typeof(BenchmarkRun).Assembly.Location, "baseline", baselinePort.ToString(CultureInfo.InvariantCulture)), baselinePort);
        var aftStart = Dotnet(AftDll, "serve", "--data-dir", dataDir, "--port", aftPort.ToString(CultureInfo.InvariantCulture));
        aftStart.Environment["Logging__LogLevel__Default"] = "Warning";
        using var aft = await ServerProcess.StartAsync(aftStart, aftPort);
        await Task.Delay(1000);

        var baselineUri = new Uri($"https://127.0.0.1:{baselinePort}");
        var aftUri = new Uri($"https://127.0.0.1:{aftPort}");
        var key = (await File.ReadAllTextAsync(Path.Combine(dataDir, "initial-admin-key"))).Trim();
        using var admin = BenchHttpClient.Create(aftUri, key);
        var scriptId = await CreateScriptAsync(admin);
        var body = "{\"scriptId\":\"" + scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}";

        report.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {duration.TotalSeconds:0} s per measurement after {warmup.TotalSeconds:0} s warm-up; client and servers share the machine.");
        report.AppendLine();
        report.AppendLine("| scenario | clients | AFT req/s | AFT p50 ms | AFT p99 ms | baseline req/s | baseline p99 ms | ratio |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");

        foreach (var clients in new[] { 1, 16, 64 })
        {
            var ours = await LoadGenerator.RunAsync(aftUri, key, clients, warmup, duration, client => PostAsync(client, body));
            var theirs = await LoadGenerator.RunAsync(baselineUri, null, clients, warmup, duration, client => PostAsync(client, body));
            Row(report, "POST /v1/jobs (durable submit)", ours, theirs);
            await WaitForIdleAsync(admin);
        }

        var pollJob = await SubmitAsync(admin, body);
        await admin.GetAsync($"/v1/jobs/{pollJob}?wait=30s");
        var polls = await LoadGenerator.RunAsync(aftUri, key, 64, warmup, duration, client => GetAsync(client, $"/v1/jobs/{pollJob}"));
        var basePolls = await LoadGenerator.RunAsync(baselineUri, null, 64, warmup, duration, client => GetAsync(client, $"/v1/jobs/{pollJob}"));
        Row(report, "GET /v1/jobs/{id}", polls, basePolls);

        var (jobsPerSecond, elapsed, succeeded) = await RunTrivialJobsAsync(aftUri, admin, key, body, jobCount);
        var peak = PeakWorkingSetMiB(aftPort);
        report.AppendLine();
        report.AppendLine($"End to end: {jobCount} trivial jobs (`{TrivialScript}`) submitted by 64 clients and run to the end in {elapsed.TotalSeconds:0.00} s: **{jobsPerSecond:0} jobs/s** ({succeeded} succeeded).");
        report.AppendLine($"AFT process peak working set: {peak}.");
        report.AppendLine();
        report.AppendLine("| scenario | clients | AFT req/s | AFT p50 ms | AFT p99 ms | baseline req/s | baseline p99 ms | ratio |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");

        aft.Dispose();
        await MeasureParkedSubmissionsAsync(report, baselineUri, body, duration, warmup);

        Console.WriteLine(report);
        if (Array.IndexOf(args, "--out") is var outIndex and >= 0 && outIndex + 1 < args.Length)
        {
            await File.WriteAllTextAsync(args[outIndex + 1], report.ToString());
        }

        Directory.Delete(dataDir, recursive: true);
        return 0;
    }

    /// <summary>
    /// Submissions alone: on a fresh node whose jobs wait for a halt signal, the first jobs fill the run slots and
    /// the rest stay queued, so the figures are the submission path (validation, idempotency, durable commit,
    /// grain activation) without the cost of running the jobs.
    /// </summary>
    private static async Task MeasureParkedSubmissionsAsync(StringBuilder report, Uri baselineUri, string baselineBody, TimeSpan duration, TimeSpan warmup)
    {
        var dataDir = Directory.CreateTempSubdirectory("aft-bench-parked-").FullName;
        var port = ServerProcess.FreePort();
        var start = Dotnet(AftDll, "serve", "--data-dir", dataDir, "--port", port.ToString(CultureInfo.InvariantCulture));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using (var aft = await ServerProcess.StartAsync(start, port))
        {
            await Task.Delay(1000);
            var uri = new Uri($"https://127.0.0.1:{port}");
            var key = (await File.ReadAllTextAsync(Path.Combine(dataDir, "initial-admin-key"))).Trim();
            using var admin = BenchHttpClient.Create(uri, key);
            var response = await admin.PostAsJsonAsync("/v1/scripts", new { name = "bench-parked", code = "WaitForHaltSignal();" });
            var scriptId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var body = "{\"scriptId\":\"" + scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}";
            foreach (var clients in new[] { 1, 16, 64 })
            {
                var ours = await LoadGenerator.RunAsync(uri, key, clients, warmup, duration, client => PostAsync(client, body));
                var theirs = await LoadGenerator.RunAsync(baselineUri, null, clients, warmup, duration, client => PostAsync(client, baselineBody));
                Row(report, "POST /v1/jobs, jobs parked in the queue", ours, theirs);
            }

            var jobs = (await admin.GetFromJsonAsync<JsonElement>("/v1/cluster")).GetProperty("jobs");
            report.AppendLine();
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Backlog at the end: {jobs.GetProperty("queued").GetInt64()} queued and {jobs.GetProperty("running").GetInt64()} running jobs; that node's peak working set: {PeakWorkingSetMiB(port)}."));
        }

        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>
    /// Submits <paramref name="jobCount"/> trivial jobs from 64 clients, then reads every one of them back
    /// (long-polling until it has ended) and takes the elapsed time from the first submission to the last
    /// <c>finishedAt</c>. Jobs that did not succeed are counted and reported, not hidden.
    /// </summary>
    private static async Task<(double JobsPerSecond, TimeSpan Elapsed, int Succeeded)> RunTrivialJobsAsync(
        Uri aftUri, HttpClient admin, string key, string body, int jobCount)
    {
        var remaining = jobCount;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var started = DateTimeOffset.UtcNow;
        var clients = Enumerable.Range(0, 64).Select(_ => BenchHttpClient.Create(aftUri, key)).ToArray();
        await Task.WhenAll(clients.Select(async client =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"submit answered {response.StatusCode}");
                }

                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!);
            }
        }));

        await WaitForIdleAsync(admin);
        var finished = DateTimeOffset.MinValue;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(ids);
        await Task.WhenAll(clients.Select(async client =>
        {
            while (queue.TryDequeue(out var id))
            {
                var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}?wait=30s");
                statuses.AddOrUpdate(job.GetProperty("status").GetString()!, 1, (_, count) => count + 1);
                if (job.GetProperty("finishedAt").ValueKind == JsonValueKind.String)
                {
                    var at = job.GetProperty("finishedAt").GetDateTimeOffset();
                    lock (statuses)
                    {
                        finished = at > finished ? at : finished;
                    }
                }
            }
        }));

        foreach (var client in clients)
        {
            client.Dispose();
        }

        var elapsed = finished - started;
        var others = string.Join(", ", statuses.Where(entry => entry.Key != "succeeded").Select(entry => $"{entry.Value} {entry.Key}"));
        if (others.Length > 0)
        {
            Console.Error.WriteLine($"not succeeded: {others}");
        }

        return (jobCount / elapsed.TotalSeconds, elapsed, statuses.GetValueOrDefault("succeeded"));
    }

    private static async Task WaitForIdleAsync(HttpClient admin)
    {
        while (true)
        {
            var jobs = (await admin.GetFromJsonAsync<JsonElement>("/v1/cluster")).GetProperty("jobs");
            if (jobs.GetProperty("queued").GetInt64() + jobs.GetProperty("running").GetInt64() + jobs.GetProperty("retrying").GetInt64() == 0)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private static async Task<bool> PostAsync(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    private static async Task<bool> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private static async Task<string> CreateScriptAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/v1/scripts", new { name = "bench-trivial", code = TrivialScript });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> SubmitAsync(HttpClient admin, string body)
    {
        var response = await admin.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    private static void Row(StringBuilder report, string scenario, LoadResult ours, LoadResult theirs) =>
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {ours.Clients} | {ours.RequestsPerSecond:0} | {ours.P50Ms:0.0} | {ours.P99Ms:0.0} | {theirs.RequestsPerSecond:0} | {theirs.P99Ms:0.0} | {ours.RequestsPerSecond / theirs.RequestsPerSecond:0.00} |")
            + (ours.Errors > 0 ? $" ({ours.Errors} errors)" : string.Empty));

    private static string PeakWorkingSetMiB(int port)
    {
        var aft = Process.GetProcesses().FirstOrDefault(process =>
        {
            try
            {
                return process.ProcessName == "dotnet" && File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        });
        return aft is null ? "n/a" : $"{aft.PeakWorkingSet64 / (1024 * 1024)} MiB";
    }

    private static ProcessStartInfo Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string AftDll
    {
        get
        {
            // bench/Aft.Bench/bin/<Configuration>/net10.0 → src/Aft.Cli/bin/<Configuration>/net10.0/aft.dll
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "Aft.Cli", "bin", bin.Parent!.Name, bin.Name, "aft.dll");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
