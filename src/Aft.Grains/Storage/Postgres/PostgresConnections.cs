using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aft.Grains.Storage.Postgres;

/// <summary>How AFT connects to PostgreSQL, wherever it does (the silo's stores, <c>aft db</c>).</summary>
public static class PostgresConnections
{
    /// <summary>
    /// A pooled data source for <paramref name="connectionString"/>. Unless the connection string says otherwise,
    /// connecting gives up after 5 s (not Npgsql's 15) so an API call answers "unavailable" while a person still
    /// waits for it, and the hot statements are prepared once per connection.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        if (loggerFactory is not null)
        {
            dataSource.UseLoggerFactory(loggerFactory);
        }

        return dataSource.Build();
    }

    /// <summary>Whether <paramref name="exception"/> (or what caused it) says the database cannot be reached now.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException { IsTransient: true } or SocketException or TimeoutException
                || ex is PostgresException { SqlState: ['0', '8', ..] or "57P01" or "57P02" or "57P03" })
            {
                return true;
            }
        }

        return false;
    }
}
