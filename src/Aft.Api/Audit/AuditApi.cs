using System.Globalization;
using System.Text.Json;
using Aft.Api.Infrastructure;
using Aft.Api.Security;
using Aft.Grains.Audit;
using Aft.Grains.Security;

namespace Aft.Api.Audit;

public sealed record AuditActorResponse(string Kind, string? Id, string? Name, string? Address);

public sealed record AuditTargetResponse(string Kind, string? Id);

public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    AuditActorResponse Actor,
    string Action,
    AuditTargetResponse Target,
    JsonElement? Before,
    JsonElement? After)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id, entry.At, new AuditActorResponse(entry.Actor.Kind, entry.Actor.Id, entry.Actor.Name, entry.Actor.Address),
        entry.Action, new AuditTargetResponse(entry.TargetKind, entry.TargetId), Parse(entry.Before), Parse(entry.After));

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

public sealed record AuditListResponse(IReadOnlyList<AuditEntryResponse> Items, string? NextCursor);

/// <summary><c>GET /v1/audit</c>: the audit trail, newest first, for admin keys.</summary>
public static class AuditApi
{
    private const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAuditApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/audit").WithTags("Audit").RequireApiKey(ApiKeyScopes.Admin).MapGet("/", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? action, string? targetKind, string? targetId, string? actorId, DateTimeOffset? since, DateTimeOffset? until,
        int? limit, string? cursor, AuditTrail audit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ApiProblems.Invalid("limit", $"'limit' must be from 1 to {MaxPageSize}");
        }

        long? beforeId = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return ApiProblems.Invalid("cursor", "'cursor' is not a cursor this API returned");
            }

            beforeId = id;
        }

        var pageSize = limit ?? 50;
        var page = await audit.ListAsync(new AuditQuery(action, targetKind, targetId, actorId, since, until, beforeId, pageSize));
        var next = page.Count == pageSize ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditListResponse([.. page.Select(AuditEntryResponse.From)], next));
    }
}
