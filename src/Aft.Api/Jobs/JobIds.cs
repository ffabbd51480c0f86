namespace Aft.Api.Jobs;

/// <summary>Job ids are 32 lowercase hex digits (a time-ordered UUIDv7); anything else cannot be a job.</summary>
public static class JobIds
{
    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}
