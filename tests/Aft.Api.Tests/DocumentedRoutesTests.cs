using System.Text.RegularExpressions;
using Aft.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Api.Tests;

/// <summary>docs/architecture.md's table of route groups covers every route the service maps, and names no group that is gone.</summary>
[Collection(AftNodeCollection.Name)]
public sealed partial class DocumentedRoutesTests(AftNodeFixture node)
{
    [Fact]
    public async Task Architecture_md_lists_the_route_group_of_every_route()
    {
        var architecture = await File.ReadAllTextAsync(Path.Combine(AftBuild.RepositoryRoot, "docs", "architecture.md"));
        var routes = architecture[architecture.IndexOf("\n## Routes", StringComparison.Ordinal)..];
        routes = routes[..(routes.IndexOf("\n## ", 1, StringComparison.Ordinal) is > 0 and var end ? end : routes.Length)];
        var groups = TableRow().Matches(routes).SelectMany(row => Prefix().Matches(row.Groups["groups"].Value)).Select(prefix => prefix.Groups["prefix"].Value).ToList();
        var mapped = node.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/')).ToList();

        Assert.NotEmpty(groups);
        Assert.All(mapped, route => Assert.True(groups.Any(group => Covers(group, route)), $"{route} is in no route group of architecture.md"));
        Assert.All(groups, group => Assert.True(mapped.Any(route => Covers(group, route)), $"architecture.md lists {group}, which maps no route"));
    }

    // The UI's dashboard is the site's root: "/" stands for that one route, not for every route.
    private static bool Covers(string group, string route) => group == "/" ? route == "/" : route.StartsWith(group, StringComparison.Ordinal);

    [GeneratedRegex(@"^\| (?<groups>`/[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`(?<prefix>/[^`]*)`")]
    private static partial Regex Prefix();
}
