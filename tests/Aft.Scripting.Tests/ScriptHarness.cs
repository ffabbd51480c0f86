using Aft.Scripting.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting.Tests;

/// <summary>Runs scripts through the real runner with an in-memory log and secret set.</summary>
public sealed class ScriptHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ScriptHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddAftScripting();
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

    public void Dispose() => _services.Dispose();

    private sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretReader
    {
        public string? Read(string name) => values.TryGetValue(name, out var value) ? value : null;
    }
}

public sealed class RecordingLog : IScriptLog
{
    private readonly List<(ScriptLogLevel Level, string Message)> _lines = [];

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

    public void Write(ScriptLogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add((level, message));
        }
    }
}
