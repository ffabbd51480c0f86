using Aft.Scripting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting.Tests;

/// <summary>Runs scripts through the real runner, with the whole SyncJS library, an in-memory log and secret set.</summary>
public sealed class ScriptHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">Extra registrations (a VFS catalog, for example).</param>
    /// <param name="settings">Configuration below the <c>Aft</c> section, e.g. <c>["Mail:Host"] = "127.0.0.1"</c>.</param>
    public ScriptHarness(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var aft = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddAftScripting();
        services.AddAftScriptingLibrary(aft);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public RecordingLog Log { get; } = new();

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public IServiceProvider Services => _services;

    public ScriptOutcome Run(string code, string paramsJson = "{}", TimeSpan? timeout = null,
        CancellationToken halt = default, CancellationToken stop = default)
    {
        var runner = _services.GetRequiredService<ScriptRunner>();
        var environment = new ScriptEnvironment
        {
            Log = Log,
            Secrets = new DictionarySecrets(Secrets),
            Services = _services,
        };
        return runner.Run(new ScriptRunRequest("job-1", code, paramsJson, 1, timeout), environment, halt, stop);
    }

    /// <summary>Runs a script that must succeed and returns what it logged.</summary>
    public IReadOnlyList<string> RunLogged(string code)
    {
        var before = Log.Lines.Count;
        var outcome = Run(code);
        Assert.True(outcome.Kind == ScriptOutcomeKind.Succeeded, outcome.Error);
        return [.. Log.Messages.Skip(before)];
    }

    /// <remarks>Asynchronously underneath: the connection pools remote VFS types use can only be disposed that way.</remarks>
    public void Dispose() => _services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretReader
    {
        public string? Read(string name) => values.TryGetValue(name, out var value) ? value : null;
    }
}

public sealed class RecordingLog : IScriptLog
{
    private readonly List<(ScriptLogLevel Level, string Message)> _lines = [];
    private readonly List<int> _threads = [];

    public IReadOnlyList<(ScriptLogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IEnumerable<string> Messages => Lines.Select(line => line.Message);

    /// <summary>The managed thread each line was written on, in line order.</summary>
    public IReadOnlyList<int> Threads
    {
        get
        {
            lock (_lines)
            {
                return [.. _threads];
            }
        }
    }

    /// <summary>Waits until a line satisfies <paramref name="match"/>; fails the test after five seconds.</summary>
    public async Task WaitForAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Messages.Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for a log line; lines: " + string.Join(" | ", Messages));
            await Task.Delay(20);
        }
    }

    public void Write(ScriptLogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add((level, message));
            _threads.Add(Environment.CurrentManagedThreadId);
        }
    }
}
