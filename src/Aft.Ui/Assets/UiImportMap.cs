using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Aft.Ui.Assets;

/// <summary>
/// The page's import map: the bare module names the browser libraries import (<c>@codemirror/view</c>) and AFT's own
/// shared modules (<c>aft/page</c>) mapped to their versioned files in <see cref="UiAssets"/>. It is inline (browsers
/// load no other kind), so the CSP allows it by its SHA-256.
/// </summary>
public sealed class UiImportMap
{
    /// <summary>AFT's modules that page scripts import by name, so each import gets the file's versioned URL.</summary>
    private static readonly UiModule[] SharedModules = [new("aft/page", "js/page.js")];

    public UiImportMap(UiAssets assets)
    {
        var imports = assets.Modules.Concat(SharedModules).ToDictionary(module => module.Name, module => assets.Url(module.Path), StringComparer.Ordinal);
        Json = JsonSerializer.Serialize(new { imports });
        Hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Json)));
    }

    public string Json { get; }

    /// <summary>The CSP source of <see cref="Json"/> (<c>sha256-…</c>).</summary>
    public string Hash { get; }
}
