using System.Net;
using Aft.Bench.Hangfire;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;

// The peer users would otherwise pick, set up as Hangfire's documentation shows: an ASP.NET Core app that enqueues
// jobs into PostgreSQL over HTTPS and runs them with a Hangfire server in the same process.
var builder = WebApplication.CreateSlimBuilder(args);
if (builder.Configuration.GetConnectionString("Hangfire") is not { Length: > 0 } connectionString
    || builder.Configuration.GetValue<int?>("port") is not { } port)
{
    Console.Error.WriteLine("usage: ConnectionStrings__Hangfire=\"Host=…;Database=…\" Aft.Bench.Hangfire --port PORT");
    return 2;
}

// Hangfire's enqueue waits on the database in a pool thread. AFT raises its pool's floor to 16 threads for the same
// kind of wait (Aft.Silo's ThreadPoolSizing); the peer gets the same floor, so neither starts starved on 2 cores.
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(completionPorts, 16));

using var certificate = SelfSignedCertificate.Create();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
builder.Services.AddHangfire(hangfire => hangfire
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
    {
        // A job enqueued in this process wakes a waiting worker at once; the poll only finds what that signal missed.
        // Hangfire's setup guide polls SQL Server with no delay; this is the shortest poll Hangfire.PostgreSql accepts
        // without AllowUnsafeValues.
        QueuePollInterval = TimeSpan.FromMilliseconds(50),
    }));

// As many workers as AFT has run slots per node (Aft:Jobs:MaxConcurrentJobs).
builder.Services.AddHangfireServer(server => server.WorkerCount = 32);

var app = builder.Build();
app.MapPost("/v1/jobs", (IBackgroundJobClient jobs) =>
{
    var jobId = jobs.Enqueue(() => TrivialJob.Run());
    return Results.Accepted($"/v1/jobs/{jobId}", new { jobId });
});

// Jobs not ended yet: waiting or fetched by a worker (a job leaves the queue after its end is stored), or waiting for a retry.
app.MapGet("/v1/queue", (JobStorage storage) =>
{
    var monitoring = storage.GetMonitoringApi();
    return Results.Ok(new
    {
        unfinished = monitoring.EnqueuedCount(EnqueuedState.DefaultQueue) + monitoring.FetchedCount(EnqueuedState.DefaultQueue) + monitoring.ScheduledCount(),
    });
});

// Jobs ended so far, by how they ended.
app.MapGet("/v1/statistics", (JobStorage storage) =>
{
    var statistics = storage.GetMonitoringApi().GetStatistics();
    return Results.Ok(new { succeeded = statistics.Succeeded, failed = statistics.Failed, deleted = statistics.Deleted });
});

await app.StartAsync();
Console.WriteLine($"Hangfire peer is listening on https://127.0.0.1:{port}");
await app.WaitForShutdownAsync();
return 0;
