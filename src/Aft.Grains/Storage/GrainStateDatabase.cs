using System.Data.Common;

namespace Aft.Grains.Storage;

/// <summary>The database behind Orleans' ADO.NET grain storage, as the silo configures it and as retention tidies it.</summary>
/// <param name="invariant">The ADO.NET invariant Orleans looks its driver up by.</param>
/// <param name="dataSource">Connections to it.</param>
public sealed class GrainStateDatabase(string invariant, DbDataSource dataSource)
{
    public string Invariant => invariant;

    public DbDataSource DataSource => dataSource;

    /// <summary>Deletes the rows of grains whose state was cleared (Orleans keeps them, with their version, after a clear).</summary>
    public async Task DeleteClearedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM OrleansStorage WHERE PayloadBinary IS NULL");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
