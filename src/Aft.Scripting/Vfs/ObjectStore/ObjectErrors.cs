using System.Net.Sockets;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// The messages object-store failures become, the same for every vendor: what the server answered, or that it did
/// not answer (transient). They name the VFS path and the endpoint, never a credential.
/// </summary>
public static class ObjectErrors
{
    /// <summary>Whether the request got no answer: the connection was refused, reset or timed out.</summary>
    public static bool IsTransport(Exception exception) => Chain(exception).Any(inner =>
        inner is HttpRequestException or SocketException or TimeoutException or OperationCanceledException
        || (inner is IOException && inner is not VfsException));

    /// <summary>A request that got no answer: trying again may help.</summary>
    public static VfsException NoAnswer(string subject, VfsEndpoint endpoint, Exception exception)
    {
        var cause = Chain(exception).LastOrDefault(inner => inner is not AggregateException) ?? exception;
        var reason = cause is OperationCanceledException or TimeoutException ? "timed out" : cause.Message;
        return new VfsException($"{Lead(subject, endpoint)}no answer from {endpoint.Key} ({reason})", exception) { Transient = true };
    }

    /// <summary>A request the server answered with an error status.</summary>
    /// <param name="subject">The quoted VFS path the request was about, or the endpoint's key for a connect.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The store's error code, if it sent one.</param>
    /// <param name="containerMissing">Whether the code says the bucket or container does not exist.</param>
    /// <param name="credentials">The credential fields to check when access is denied.</param>
    /// <param name="exception">The vendor exception.</param>
    public static VfsException Refused(
        string subject, VfsEndpoint endpoint, int status, string? code, bool containerMissing, string credentials, Exception exception)
    {
        var answer = string.IsNullOrEmpty(code) ? $"{status}" : $"{status} {code}";
        var lead = Lead(subject, endpoint);
        return status switch
        {
            404 when containerMissing => new VfsException($"{lead}'{endpoint.Account}' does not exist at {endpoint.Key} ({answer})", exception),
            404 => new VfsException($"{subject}: no such file or directory", exception),
            401 or 403 => new VfsException($"{lead}access to {endpoint.Key} denied ({answer}): check {credentials}", exception),
            408 or 429 or >= 500 => new VfsException($"{lead}{endpoint.Key} is busy or failing ({answer})", exception) { Transient = true },
            _ => new VfsException($"{lead}{endpoint.Key} refused the request ({answer})", exception),
        };
    }

    /// <summary>A message about the endpoint itself (a failed connect) does not name it twice.</summary>
    private static string Lead(string subject, VfsEndpoint endpoint) => subject == endpoint.Key ? string.Empty : subject + ": ";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (next.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
