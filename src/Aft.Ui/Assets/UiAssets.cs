using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Aft.Ui.Assets;

/// <summary>
/// The UI's own files (styles, scripts) and the browser libraries, served from the assembly under
/// <see cref="PathPrefix"/>. Each URL carries a hash of the file's content, so a browser keeps a file for a year and
/// still fetches a new one after an upgrade; every node of a cluster serves the same bytes at the same URL.
/// </summary>
public sealed class UiAssets
{
    public const string PathPrefix = "/ui/assets";
    private const string ResourcePrefix = "ui/";

    /// <summary>Written at build by Aft.Ui.csproj from the npm packages in <c>client/</c>: bare name to file.</summary>
    private const string ModulesPath = "lib/modules.json";

    private readonly FrozenDictionary<string, Asset> _assets;

    public UiAssets()
    {
        var assembly = typeof(UiAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, types))
            .ToFrozenDictionary(asset => asset.Path, StringComparer.Ordinal);
        Modules = _assets.TryGetValue(ModulesPath, out var modules)
            ? [.. JsonSerializer.Deserialize<Dictionary<string, string>>(modules.Content)!.Select(module => new UiModule(module.Key, module.Value))]
            : [];
    }

    /// <summary>The browser libraries' ES modules by the names they import each other by (for <see cref="UiImportMap"/>).</summary>
    public IReadOnlyList<UiModule> Modules { get; }

    /// <summary>The URL of a file under <c>wwwroot</c> (<c>css/aft.css</c>), versioned by its content.</summary>
    public string Url(string path) =>
        _assets.TryGetValue(path, out var asset) ? $"{PathPrefix}/{path}?v={asset.Version}" : throw new ArgumentException($"no UI asset '{path}'", nameof(path));

    internal bool TryGet(string path, out Asset asset) => _assets.TryGetValue(path, out asset!);

    private static Asset Load(Assembly assembly, string name, FileExtensionContentTypeProvider types)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var path = name[ResourcePrefix.Length..].Replace('\\', '/');
        var contentType = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
            : types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        return new Asset(path, bytes, contentType, version);
    }

    internal sealed record Asset(string Path, byte[] Content, string ContentType, string Version)
    {
        public EntityTagHeaderValue ETag { get; } = new($"\"{Version}\"");
    }
}
