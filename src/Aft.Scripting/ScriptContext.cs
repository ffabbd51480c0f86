using Jint;

namespace Aft.Scripting;

/// <summary>Everything a script module needs while one run is set up and while it executes.</summary>
public sealed class ScriptContext
{
    private readonly List<IDisposable> _resources = [];

    internal ScriptContext(Engine engine, ScriptRunRequest request, ScriptEnvironment environment, ScriptSignals signals)
    {
        Engine = engine;
        Request = request;
        Environment = environment;
        Signals = signals;
    }

    public Engine Engine { get; }

    public ScriptRunRequest Request { get; }

    public ScriptEnvironment Environment { get; }

    public ScriptSignals Signals { get; }

    /// <summary>Ties a resource (an ephemeral VFS, a watcher) to the run; it is disposed when the run ends.</summary>
    public T Own<T>(T resource) where T : IDisposable
    {
        lock (_resources)
        {
            _resources.Add(resource);
        }

        return resource;
    }

    internal void ReleaseResources()
    {
        IDisposable[] owned;
        lock (_resources)
        {
            owned = [.. _resources];
            _resources.Clear();
        }

        for (var i = owned.Length - 1; i >= 0; i--)
        {
            try
            {
                owned[i].Dispose();
            }
            catch (Exception ex)
            {
                Environment.Log.Write(ScriptLogLevel.Warn, $"cleanup failed: {ex.Message}");
            }
        }
    }
}
