namespace Aft.Api.Admin;

/// <summary>Orleans' dashboard, for administrators. Bound from <c>Aft:Dashboard</c>.</summary>
public sealed class AftDashboardOptions
{
    /// <summary>Whether the silo serves the dashboard (it then profiles every grain call for it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the dashboard is served, on the API's port.</summary>
    public string Path { get; set; } = "/dashboard";
}
