using System.Xml.Linq;
using Aft.Grains.Security;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Aft.Grains.Storage;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the store, so every node of a cluster reads the session cookies and
/// antiforgery tokens any other node made. Each key is sealed with the secrets key (AES-256-GCM, bound to its name),
/// as secrets are: a copy of the database alone forges no session.
/// </summary>
public sealed class DataProtectionKeyRepository(AppDatabase database, SecretStore secrets) : IXmlRepository
{
    private const string SealPrefix = "data-protection:";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The framework asks synchronously, rarely (at start and when its cached ring expires).
        using var connection = database.OpenReaderAsync().GetAwaiter().GetResult();
        return [.. connection.Query<(string name, string xml)>("SELECT name, xml FROM data_protection_keys")
            .Select(row => XElement.Parse(secrets.Open(SealPrefix + row.name, Convert.FromBase64String(row.xml))))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var sealedXml = Convert.ToBase64String(secrets.Seal(SealPrefix + friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            ("@name", friendlyName), ("@xml", sealedXml))).GetAwaiter().GetResult();
    }
}
