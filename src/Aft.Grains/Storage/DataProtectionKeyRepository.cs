using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Aft.Grains.Storage;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the store, so every node of a cluster reads the session cookies and
/// antiforgery tokens any other node made. Whoever can read the store can already change everything in it, so the keys
/// are kept as the framework writes them.
/// </summary>
public sealed class DataProtectionKeyRepository(AppDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The framework asks synchronously, rarely (at start and when its cached ring expires).
        using var connection = database.OpenReaderAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName) =>
        database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            ("@name", friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)))).GetAwaiter().GetResult();
}
