using Aft.Scripting.Runtime;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Aft.Scripting.Watchers;

/// <summary>
/// The script object of FsWatcher and RemoteWatcher (AFT! v4 callback API). Settings are plain properties
/// read when <c>Start(callback)</c> is called. Events are filtered and debounced on the source's thread, then
/// queued on the run's <see cref="ScriptEventLoop"/>; the callback runs on the script thread while the script
/// waits in <c>WaitForHaltSignal()</c> or <c>Sleep()</c>. After <c>Stop()</c> returns no callback runs, not even
/// for events already queued.
/// </summary>
public sealed class ScriptWatcher : ScriptObject, IDisposable
{
    private readonly ScriptContext _context;
    private readonly string _kind;
    private readonly Func<IWatchSource> _createSource;
    private IWatchSource? _source;
    private Debouncer? _debouncer;
    private bool _running;

    internal ScriptWatcher(ScriptContext context, string kind, string? path, Func<IWatchSource> createSource)
        : base(context.Engine)
    {
        _context = context;
        _kind = kind;
        _createSource = createSource;

        Value("Path", path is null ? JsValue.Undefined : new JsString(path));
        Value("Recursive", false);
        Value("InclusionFilter", new JsArray(context.Engine));
        Value("ExclusionFilter", new JsArray(context.Engine));
        Value("DelayBySeconds", 0);
        Method("WatchDir", WatchDir, 2);
        Method("Start", Start, 1);
        Method("Stop", _ =>
        {
            Stop();
            return JsValue.Undefined;
        });
    }

    public void Dispose() => Stop();

    private JsValue WatchDir(JsValue[] arguments)
    {
        Set("Path", ScriptArgs.String(ScriptEngine, arguments, 0, _kind + ".WatchDir", "path"));
        Set("Recursive", TypeConverter.ToBoolean(ScriptArgs.At(arguments, 1)));
        return JsValue.Undefined;
    }

    private JsValue Start(JsValue[] arguments)
    {
        // As in AFT! v4, Start without a callback silently does nothing.
        if (ScriptArgs.At(arguments, 0) is not Jint.Native.Function.Function callback || _running)
        {
            return JsValue.Undefined;
        }

        var settings = ReadSettings();
        var filter = new WatchFilter(Masks("InclusionFilter"), Masks("ExclusionFilter"));
        var events = _context.Signals.Events;
        _debouncer = new Debouncer(Seconds("DelayBySeconds", TimeSpan.Zero), change => events.Post(() => Deliver(callback, change)));
        _source = _createSource();
        _running = true;
        try
        {
            var debouncer = _debouncer;
            _source.Start(settings, change =>
            {
                if (filter.Accepts(change.Object))
                {
                    debouncer.Push(change);
                }
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Stop();
            throw ScriptArgs.Error(ScriptEngine, $"{_kind}.Start: {ex.Message}");
        }

        return JsValue.Undefined;
    }

    private void Deliver(JsValue callback, WatchEvent change)
    {
        // Runs on the script thread, like Stop, so this check cannot race with it.
        if (!_running)
        {
            return;
        }

        var evt = new JsObject(ScriptEngine);
        evt.Set("TimeStamp", new JsDate(ScriptEngine, change.TimeStamp));
        evt.Set("Event", change.Event);
        evt.Set("Object", change.Object);
        ScriptEngine.Call(callback, evt);
    }

    private void Stop()
    {
        _running = false;
        _source?.Dispose();
        _debouncer?.Dispose();
        _source = null;
        _debouncer = null;
    }

    private WatchSettings ReadSettings()
    {
        var path = Get("Path");
        if (!path.IsString() || path.AsString().Length == 0)
        {
            throw ScriptArgs.TypeError(ScriptEngine, $"{_kind}.Start: set the folder first (constructor argument, Path or WatchDir)");
        }

        return new WatchSettings(path.AsString(), TypeConverter.ToBoolean(Get("Recursive")), Seconds("IntervalSeconds", TimeSpan.Zero));
    }

    private TimeSpan Seconds(string property, TimeSpan fallback)
    {
        var value = Get(property);
        if (value.IsUndefined())
        {
            return fallback;
        }

        return value.IsNumber() && value.AsNumber() >= 0
            ? TimeSpan.FromSeconds(value.AsNumber())
            : throw ScriptArgs.TypeError(ScriptEngine, $"{_kind}.{property} must be a number of seconds");
    }

    /// <summary>A mask list is an array of strings or one string of masks separated by ";" or ",".</summary>
    private string[] Masks(string property)
    {
        var value = Get(property);
        if (value.IsUndefined() || value.IsNull())
        {
            return [];
        }

        if (value.IsString())
        {
            return value.AsString().Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (value is JsArray array && array.All(item => item.IsString()))
        {
            return [.. array.Select(item => item.AsString())];
        }

        throw ScriptArgs.TypeError(ScriptEngine, $"{_kind}.{property} must be an array of masks such as [\"*.csv\"]");
    }
}
