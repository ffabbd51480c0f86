using System.Net.Sockets;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// Runs one network step under the operation timeout and turns what can go wrong on the wire (a reset, a closed
/// socket, a timeout) into a transient <see cref="FtpException"/>. A cancellation by the caller stays one.
/// </summary>
internal static class FtpIo
{
    public static async Task<T> RunAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await step(limit.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FtpException($"{what}: no answer within {timeout.TotalSeconds:0.#} s", transient: true, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException && ex is not FtpException)
        {
            throw new FtpException($"{what}: {ex.Message}", transient: true, innerException: ex);
        }
    }

    public static Task RunAsync(string what, TimeSpan timeout, Func<CancellationToken, Task> step, CancellationToken cancellationToken) =>
        RunAsync(what, timeout, async token =>
        {
            await step(token);
            return true;
        }, cancellationToken);
}
