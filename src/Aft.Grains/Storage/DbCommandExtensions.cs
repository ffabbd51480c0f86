using System.Data.Common;

namespace Aft.Grains.Storage;

public static class DbCommandExtensions
{
    /// <summary>Adds the parameter <paramref name="name"/> (<c>@name</c> in the SQL, which every store's driver reads); null binds SQL NULL.</summary>
    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
