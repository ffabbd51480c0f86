using System.Data;
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
        ParameterOf(command, name).Value = value ?? DBNull.Value;
        return command;
    }

    /// <summary>
    /// Binds a number or flag with its type stated, null or not. A cached command keeps its parameters, and Npgsql
    /// prepares a statement with the types of its first execution: a NULL bound without a type would leave PostgreSQL to
    /// infer the column's type (bigint), and a later 4-byte value would then be read as 8 and refused.
    /// </summary>
    public static DbCommand Bind<T>(this DbCommand command, string name, T? value) where T : struct
    {
        var parameter = ParameterOf(command, name);
        parameter.DbType = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Int32 => DbType.Int32,
            TypeCode.Int64 => DbType.Int64,
            TypeCode.Double => DbType.Double,
            TypeCode.Boolean => DbType.Boolean,
            _ => throw new ArgumentException($"no database type for {typeof(T).Name}", nameof(value)),
        };
        parameter.Value = value.HasValue ? value.Value : DBNull.Value;
        return command;
    }

    private static DbParameter ParameterOf(DbCommand command, string name)
    {
        if (command.Parameters.IndexOf(name) is >= 0 and var index)
        {
            return command.Parameters[index];
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
