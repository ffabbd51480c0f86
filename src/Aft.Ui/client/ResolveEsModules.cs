#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// MSBuild task (compiled by RoslynCodeTaskFactory in Aft.Ui.csproj): finds the ES module entry of every package npm
/// installed, as a browser would import it (package.json <c>exports</c> "import", else <c>module</c>, else <c>main</c>),
/// and writes the import map's list (bare name to file). The files are embedded as they are: there is no bundler.
/// JSON is read and written through JsonReaderWriterFactory's XML view, as an inline task sees only netstandard.
/// </summary>
public sealed class ResolveEsModules : Task
{
    [Required] public string NodeModules { get; set; } = "";

    /// <summary>Where to write <c>{"name": "lib/name/dist/index.js", …}</c>.</summary>
    [Required] public string ModulesJson { get; set; } = "";

    /// <summary>Each entry file, with metadata LogicalName <c>ui/lib/&lt;package&gt;/&lt;file&gt;</c>; also each package's LICENSE.</summary>
    [Output] public ITaskItem[] Files { get; set; } = [];

    public override bool Execute()
    {
        var files = new List<ITaskItem>();
        var modules = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in PackageDirectories())
        {
            var manifest = ReadJson(Path.Combine(directory, "package.json"));
            var name = Property(manifest, "name")?.Value ?? Path.GetFileName(directory);
            var entry = EntryOf(manifest);
            if (entry is null || !File.Exists(Path.Combine(directory, entry)))
            {
                Log.LogError($"npm package '{name}' has no ES module entry (package.json exports/module/main) to embed");
                continue;
            }

            var path = $"lib/{name}/{entry.TrimStart('.', '/')}";
            modules[name] = path;
            files.Add(Item(Path.Combine(directory, entry), path));
            var license = Directory.EnumerateFiles(directory, "LICENSE*").FirstOrDefault();
            if (license is not null)
            {
                files.Add(Item(license, $"lib/{name}/{Path.GetFileName(license)}"));
            }
        }

        // The import map maps each bare name once: a second copy of a package (nested node_modules) could not be named.
        foreach (var nested in Directory.EnumerateDirectories(NodeModules, "node_modules", SearchOption.AllDirectories))
        {
            Log.LogError($"'{nested}': two versions of a package cannot share one import map; align the versions in package.json");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(ModulesJson)!);
        WriteJson(ModulesJson, modules);
        Files = [.. files];
        return !Log.HasLoggedErrors;
    }

    private IEnumerable<string> PackageDirectories() =>
        Directory.EnumerateDirectories(NodeModules)
            .Where(directory => !Path.GetFileName(directory).StartsWith(".", StringComparison.Ordinal))
            .SelectMany(directory => Path.GetFileName(directory).StartsWith("@", StringComparison.Ordinal) ? Directory.EnumerateDirectories(directory) : [directory])
            .Where(directory => File.Exists(Path.Combine(directory, "package.json")))
            .OrderBy(directory => directory, StringComparer.Ordinal);

    private static string? EntryOf(XElement manifest)
    {
        var exports = Property(manifest, "exports");
        if (exports is not null && (Condition(Property(exports, ".") ?? exports) is { } entry))
        {
            return entry;
        }

        return Property(manifest, "module")?.Value ?? Property(manifest, "main")?.Value;
    }

    /// <summary>The file an <c>exports</c> value gives a browser's <c>import</c>: a string, or the first of the conditions it meets.</summary>
    private static string? Condition(XElement value) => (string?)value.Attribute("type") switch
    {
        "string" => value.Value,
        "object" => new[] { "browser", "import", "module", "default" }
            .Select(condition => Property(value, condition) is { } target ? Condition(target) : null)
            .FirstOrDefault(target => target is not null && !target.EndsWith(".cjs", StringComparison.Ordinal)),
        _ => null,
    };

    /// <summary>A member of a JSON object; names that are no XML names ("." or "@scope/name") are items with the name in an attribute.</summary>
    private static XElement? Property(XElement obj, string name) =>
        (string?)obj.Attribute("type") == "object"
            ? obj.Elements().FirstOrDefault(member => ((string?)member.Attribute("item") ?? member.Name.LocalName) == name)
            : null;

    private static XElement ReadJson(string file)
    {
        using var reader = JsonReaderWriterFactory.CreateJsonReader(File.ReadAllBytes(file), XmlDictionaryReaderQuotas.Max);
        return XElement.Load(reader);
    }

    private static void WriteJson(string file, IDictionary<string, string> members)
    {
        XNamespace item = "item";
        var root = new XElement("root", new XAttribute("type", "object"),
            members.Select(member => new XElement(item + "item", new XAttribute(XNamespace.Xmlns + "a", "item"), new XAttribute("item", member.Key), new XAttribute("type", "string"), member.Value)));
        using var stream = File.Create(file);
        using var writer = JsonReaderWriterFactory.CreateJsonWriter(stream, Encoding.UTF8, ownsStream: false, indent: true);
        root.WriteTo(writer);
    }

    private static ITaskItem Item(string file, string path)
    {
        var item = new TaskItem(Path.GetFullPath(file));
        item.SetMetadata("LogicalName", "ui/" + path);
        return item;
    }
}
