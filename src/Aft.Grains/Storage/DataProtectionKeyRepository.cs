using System.Xml.Linq;
using Aft.Grains.Security;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Grains.Storage;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the store, so every node of a cluster reads the session cookies and
/// antiforgery tokens any other node made. Each key is sealed with the secrets key (AES-256-GCM, bound to its name),
/// as secrets are: a copy of the database alone forges no session.
/// </summary>
/// <param name="services">
/// Where the store is found when a key is first read or written. The key manager is made while the web app is built,
/// before the node opens (and checks) its store; taking the store then would open it outside that check.
/// </param>
public sealed class DataProtectionKeyRepository(IServiceProvider services) : IXmlRepository
{
    private const string SealPrefix = "data-protection:";

    private AppDatabase Database => services.GetRequiredService<AppDatabase>();

    private SecretStore Secrets => services.GetRequiredService<SecretStore>();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The framework asks synchronously, rarely (at start and when its cached ring expires).
        using var connection = Database.OpenReaderAsync().GetAwaiter().GetResult();
        return [.. connection.Query<(string name, string xml)>("SELECT name, xml FROM data_protection_keys")
            .Select(row => XElement.Parse(Secrets.Open(SealPrefix + row.name, Convert.FromBase64String(row.xml))))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var sealedXml = Convert.ToBase64String(Secrets.Seal(SealPrefix + friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        Database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            ("@name", friendlyName), ("@xml", sealedXml))).GetAwaiter().GetResult();
    }
}
