namespace Aft.Bench;

public sealed record LoadResult(int Clients, long Requests, long Errors, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}
