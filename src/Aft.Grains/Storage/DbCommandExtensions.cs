using System.Data.Common;

namespace Aft.Grains.Storage;

public static class DbCommandExtensions
{
    /// <summary>
    /// Binds <paramref name="value"/> to the parameter <paramref name="name"/> (<c>@name</c> in the SQL, which every
    /// store's driver reads), adding the parameter unless the command has it; null binds SQL NULL.
    /// </summary>
    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        if (command.Parameters.IndexOf(name) is >= 0 and var index)
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
            return command;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
