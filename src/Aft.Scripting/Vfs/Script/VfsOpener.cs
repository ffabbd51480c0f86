using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Transfers;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Vfs.Script;

/// <summary>
/// Opens VFSs for a run: library entries by name (through the host's <see cref="IVfsCatalog"/>, looked up in
/// <see cref="ScriptEnvironment.Services"/> at the moment of the call) and ephemeral ones from a script's own
/// description. Every backend opened here is owned by the run and closed when it ends.
/// </summary>
public sealed class VfsOpener(VfsBackendFactory factory, IOptions<VfsOptions> options, TransferMetrics metrics)
{
    public VfsOptions Options => options.Value;

    /// <summary>The definition and an open backend for a library entry; a script error when there is none.</summary>
    public (VfsDefinition Definition, IVfsBackend Backend) OpenByName(ScriptContext context, string name, string function)
    {
        var engine = context.Engine;
        var catalog = context.Environment.Services?.GetService<IVfsCatalog>()
            ?? throw ScriptArgs.Error(engine, $"{function}: this run has no VFS Library");
        var definition = catalog.Find(name)
            ?? throw ScriptArgs.TypeError(engine, $"{function}: there is no VFS named '{name}'");
        return (definition, Open(context, function, () => factory.Create(definition, context.Environment.Secrets)));
    }

    public VirtualFsInstance ByName(ScriptContext context, string name)
    {
        var (definition, backend) = OpenByName(context, name, "VirtualFSByName");
        return new VirtualFsInstance(context, definition.Name, definition.Type, backend, options.Value, Transfer(context));
    }

    /// <summary>The transfer code for a run: its progress counters, its log and the node's transfer metrics.</summary>
    public VfsTransfer Transfer(ScriptContext context) => new(options.Value, context.Environment.Progress, context.Environment.Log, metrics);

    /// <summary><c>new VirtualFS(type, target, payload)</c>: payload is an object or JSON text of options, its <c>credentials</c> member holds literal values.</summary>
    public VirtualFsInstance Ephemeral(ScriptContext context, JsValue[] arguments)
    {
        var engine = context.Engine;
        var type = ScriptArgs.String(engine, arguments, 0, "VirtualFS", "type");
        var target = ScriptArgs.String(engine, arguments, 1, "VirtualFS", "target");
        if (!factory.Supports(type))
        {
            throw ScriptArgs.TypeError(engine, $"VirtualFS: unknown VFS type '{type}'");
        }

        var payload = ScriptArgs.At(arguments, 2);
        if (payload.IsString())
        {
            payload = payload.AsString().Length == 0 ? JsValue.Undefined : new JsonParser(engine).Parse(payload.AsString());
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var credentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (payload.IsObject())
        {
            foreach (var (key, value) in payload.AsObject().GetOwnProperties())
            {
                var member = value.Value;
                if (key.ToString().Equals("credentials", StringComparison.OrdinalIgnoreCase) && member.IsObject())
                {
                    foreach (var (field, secret) in member.AsObject().GetOwnProperties())
                    {
                        credentials[field.ToString()] = secret.Value.ToString();
                    }
                }
                else
                {
                    settings[key.ToString()] = member.ToString();
                }
            }
        }
        else if (!payload.IsUndefined() && !payload.IsNull())
        {
            throw ScriptArgs.TypeError(engine, "VirtualFS: payload must be an object or JSON text");
        }

        var (definition, problem) = factory.Check(new VfsDefinition("(ephemeral)", type, target, settings, credentials));
        if (definition is null)
        {
            throw ScriptArgs.TypeError(engine, $"VirtualFS: {problem!.Message}");
        }

        var backend = Open(context, "VirtualFS", () => factory.Create(definition, definition.Credentials));
        return new VirtualFsInstance(context, definition.Name, definition.Type, backend, options.Value, Transfer(context));
    }

    private static IVfsBackend Open(ScriptContext context, string function, Func<IVfsBackend> open)
    {
        try
        {
            return context.Own(open());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ScriptArgs.Error(context.Engine, $"{function}: {ex.Message}");
        }
    }
}
