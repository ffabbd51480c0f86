namespace Aft.Api.Security;

/// <summary>Marks a route that creates jobs: it draws on the caller's submission bucket instead of the read bucket.</summary>
public sealed class SubmissionEndpoint
{
    internal static SubmissionEndpoint Marker { get; } = new();

    private SubmissionEndpoint()
    {
    }
}

public static class SubmissionEndpointExtensions
{
    /// <summary>Counts calls of this route against the API key's submission limit (<see cref="RateLimitsOptions.SubmitsPerSecond"/>).</summary>
    public static TBuilder CountsAsSubmission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SubmissionEndpoint.Marker);
}
