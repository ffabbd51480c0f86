using System.Collections.Concurrent;
using Aft.Grains.Jobs;
using Aft.Grains.Schedules;
using Aft.Grains.Scripts;
using Aft.Grains.Storage;
using Aft.Silo;
using Aft.Testing;
using Aft.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Aft.Grains.Tests.Schedules;

/// <summary>
/// An Orleans test cluster of one or more silos with the real job engine and schedule dispatchers, all on one
/// <see cref="FakeTimeProvider"/>: a test moves time and the dispatchers fire what falls due. The store is the one
/// <see cref="TestStore"/> names, or PostgreSQL whatever it names when <c>onPostgres</c> is set (several silos share it).
/// </summary>
public sealed class ScheduleCluster : IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(2);

    /// <summary>The clock of each cluster, by the name its silos find in their configuration.</summary>
    private static readonly ConcurrentDictionary<string, FakeTimeProvider> Clocks = new();

    private readonly PostgresServer? _postgres;
    private readonly string _dataDir;

    private ScheduleCluster(TestCluster cluster, FakeTimeProvider clock, PostgresServer? postgres, string dataDir)
    {
        Cluster = cluster;
        Clock = clock;
        _postgres = postgres;
        _dataDir = dataDir;
    }

    public TestCluster Cluster { get; }

    public FakeTimeProvider Clock { get; }

    public T Service<T>(int silo = 0) where T : notnull =>
        ((InProcessSiloHandle)Cluster.Silos[silo]).SiloHost.Services.GetRequiredService<T>();

    public static async Task<ScheduleCluster> StartAsync(int silos = 1, bool onPostgres = false)
    {
        var name = Guid.NewGuid().ToString("N");
        var dataDir = Directory.CreateTempSubdirectory("aft-schedule-tests-").FullName;
        // Just after a whole 10 seconds of today, so every-10-seconds occurrences fall at known offsets.
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(now.Ticks - now.Ticks % Period.Ticks, TimeSpan.Zero) + TimeSpan.FromSeconds(1));
        Clocks[name] = clock;
        var settings = new Dictionary<string, string?>
        {
            ["Aft:Tests:Clock"] = name,
            ["Aft:Tests:DataDir"] = dataDir,
            ["Aft:Jobs:CancelGracePeriod"] = "00:00:01",
            ["Aft:Schedules:PollInterval"] = "01:00:00",
            ["Aft:Schedules:MisfireThreshold"] = MisfireThreshold.ToString(),
        };
        PostgresServer? postgres = null;
        if (onPostgres || TestStore.OnPostgres)
        {
            postgres = await PostgresServer.StartAsync();
            var connectionString = await postgres.CreateDatabaseAsync();
            await PostgresStoreSetup.InitAsync(connectionString);
            settings["Aft:Store:Provider"] = "Postgres";
            settings["Aft:Store:ConnectionString"] = connectionString;
        }

        var builder = new TestClusterBuilder((short)silos);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<EngineSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ScheduleCluster(cluster, clock, postgres, dataDir);
    }

    /// <summary>Moves the clock to the next whole <see cref="Period"/> plus <paramref name="offset"/>.</summary>
    public void AdvanceToNextPeriod(TimeSpan offset = default)
    {
        var now = Clock.GetUtcNow();
        Advance(new DateTimeOffset(now.Ticks - now.Ticks % Period.Ticks, TimeSpan.Zero) + Period + offset - now);
    }

    /// <summary>
    /// Moves the clock, and wakes the dispatchers: one that was between reading the due times and starting its
    /// sleep when the clock moved would otherwise sleep from the new time for what was left at the old one.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        WakeDispatchers();
    }

    public async Task<ScheduleRecord> CreateAsync(string code, string cron, ScheduleOverlap overlap = ScheduleOverlap.Skip, ScheduleCatchUp catchUp = ScheduleCatchUp.None)
    {
        var name = "schedule-" + Guid.NewGuid().ToString("N")[..8];
        var script = await Service<ScriptStore>().CreateAsync(new ScriptDraft(name, "", code, RetryPolicy.None, null, 0));
        var schedule = await Service<ScheduleStore>().CreateAsync(new ScheduleDraft(name, script.Id, "{}", cron, "UTC", true, overlap, catchUp));
        WakeDispatchers();
        return schedule;
    }

    /// <summary>Has every silo's dispatcher look at the due times again, as the API does after a change.</summary>
    public void WakeDispatchers()
    {
        for (var silo = 0; silo < Cluster.Silos.Count; silo++)
        {
            Service<ScheduleDispatcher>(silo).Wake();
        }
    }

    /// <summary>The schedule's jobs, oldest first.</summary>
    public async Task<IReadOnlyList<JobRecord>> JobsOfAsync(string scheduleId)
    {
        var ids = new List<string>();
        await using (var connection = await Service<AppDatabase>().OpenReaderAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM jobs WHERE schedule_id = @id ORDER BY id";
            command.Bind("@id", scheduleId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }
        }

        var jobs = new List<JobRecord>();
        foreach (var id in ids)
        {
            jobs.Add((await Service<JobStore>().GetAsync(id))!);
        }

        return jobs;
    }

    /// <summary>
    /// Waits (in real time) until the schedule has <paramref name="count"/> jobs, then a little longer to see that no
    /// more come: the dispatchers answer a move of the clock within milliseconds.
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> WaitForJobsAsync(string scheduleId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await JobsOfAsync(scheduleId)).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        return await JobsOfAsync(scheduleId);
    }

    public async Task<JobRecord> WaitForStatusAsync(string jobId, Func<JobStatus, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JobRecord? job;
        while (!wanted((job = await Service<JobStore>().GetAsync(jobId))!.Status) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return job;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _postgres?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class EngineSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            siloBuilder.Services.AddSingleton<TimeProvider>(Clocks[configuration["Aft:Tests:Clock"]!]);
            siloBuilder.Services.AddAftStores(new DataDirectory(configuration["Aft:Tests:DataDir"]!), configuration);
            siloBuilder.Services.AddAftEngine(configuration);
            siloBuilder.AddAftGrainStorage();
        }
    }
}
