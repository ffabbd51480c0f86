namespace Aft.Scripting.Http;

/// <summary>What one HttpCli request produced. <see cref="IsValid"/> is false when no HTTP response came back at all.</summary>
public sealed record HttpCliResult(bool IsValid, int StatusCode, string Body, IReadOnlyDictionary<string, string> Headers, string Error)
{
    public bool Ok => IsValid && StatusCode is >= 200 and < 300;

    public static HttpCliResult Invalid(string error) =>
        new(false, 0, string.Empty, new Dictionary<string, string>(), error);
}
