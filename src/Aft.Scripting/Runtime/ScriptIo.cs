namespace Aft.Scripting.Runtime;

/// <summary>
/// Runs host I/O for a script on the script thread. Failed I/O is not a programming error: it comes back as a
/// message for <c>ErrorMsg()</c> and the script goes on. A stopped run stays stopped.
/// </summary>
public static class ScriptIo
{
    public static (T? Value, string? Error) Run<T>(CancellationToken stop, Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return (operation(stop).GetAwaiter().GetResult(), null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return (default, ex.Message);
        }
    }

    public static string? Run(CancellationToken stop, Func<CancellationToken, Task> operation) =>
        Run(stop, async token =>
        {
            await operation(token);
            return true;
        }).Error;
}
