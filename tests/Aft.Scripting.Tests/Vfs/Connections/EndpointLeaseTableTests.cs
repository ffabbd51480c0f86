using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Time.Testing;

namespace Aft.Scripting.Tests.Vfs.Connections;

/// <summary>The leases and circuit breaker one endpoint grain (or an in-process run) keeps for a remote endpoint.</summary>
public sealed class EndpointLeaseTableTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-25T10:00:00Z"));
    private readonly VfsConnectionOptions _options = new() { FailureThreshold = 3, CoolDown = TimeSpan.FromSeconds(30), LeaseTimeToLive = TimeSpan.FromSeconds(60) };

    private EndpointLeaseTable Table() => new("sftp://aft@sftp.example.com:22", _options, _clock);

    [Fact]
    public void No_more_leases_than_maxConnections_are_granted_and_a_released_one_is_granted_again()
    {
        var table = Table();

        var first = table.TryAcquire("node-a", 2);
        var second = table.TryAcquire("node-b", 2);
        var third = table.TryAcquire("node-a", 2);
        table.Release(first.LeaseId!);
        var fourth = table.TryAcquire("node-a", 2);

        Assert.Equal([LeaseOutcome.Granted, LeaseOutcome.Granted, LeaseOutcome.Full, LeaseOutcome.Granted],
            new[] { first, second, third, fourth }.Select(decision => decision.Outcome));
        Assert.Equal(2, table.Snapshot().OpenLeases);
    }

    [Fact]
    public void A_lease_its_holder_stops_renewing_lapses_and_the_endpoint_is_free_again()
    {
        var table = Table();
        var dead = table.TryAcquire("node-that-dies", 1);
        var alive = table.TryAcquire("node-b", 2);

        _clock.Advance(TimeSpan.FromSeconds(40));
        table.Renew("node-b", [alive.LeaseId!]);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, table.Snapshot().OpenLeases);
        Assert.Equal(LeaseOutcome.Granted, table.TryAcquire("node-c", 2).Outcome);
        Assert.NotNull(dead.LeaseId);
    }

    [Fact]
    public void A_renewal_a_new_activation_does_not_know_is_taken_back_while_there_is_room()
    {
        var table = Table();
        table.TryAcquire("node-a", 2);

        var contended = table.Renew("node-b", ["lease-from-before-a-restart", "another-one"]);

        Assert.False(contended);
        Assert.Equal(2, table.Snapshot().OpenLeases);
    }

    [Fact]
    public async Task A_waiter_gets_the_lease_given_back_and_renewals_meanwhile_say_the_endpoint_is_contended()
    {
        var table = Table();
        var held = table.TryAcquire("node-a", 1);

        var waiting = table.AcquireAsync("node-b", 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        var contended = table.Renew("node-a", [held.LeaseId!]);
        table.Release(held.LeaseId!);

        Assert.True(contended);
        Assert.Equal(LeaseOutcome.Granted, (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Outcome);
    }

    [Fact]
    public void After_three_failed_connects_the_endpoint_fails_fast_then_lets_one_trial_through_and_recovers()
    {
        var table = Table();
        table.ReportConnect("connection refused");
        table.ReportConnect("connection refused");
        Assert.Equal(("degraded", LeaseOutcome.Granted), (table.Snapshot().State, table.TryAcquire("a", 8).Outcome));
        table.ReportConnect("connection refused");

        var failing = table.TryAcquire("a", 8);
        Assert.Equal(LeaseOutcome.Failing, failing.Outcome);
        Assert.Equal("sftp://aft@sftp.example.com:22 is failing: 3 connects in a row failed (last: connection refused); not trying again for 30 s", failing.LastError);
        Assert.Equal(("failing", 3), (table.Snapshot().State, table.Snapshot().ConsecutiveFailures));

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("probing", table.Snapshot().State);
        var trial = table.TryAcquire("a", 8);
        var meanwhile = table.TryAcquire("b", 8);
        Assert.Equal((LeaseOutcome.Granted, LeaseOutcome.Failing), (trial.Outcome, meanwhile.Outcome));

        table.ReportConnect(null);
        Assert.Equal(("healthy", 0, LeaseOutcome.Granted), (table.Snapshot().State, table.Snapshot().ConsecutiveFailures, table.TryAcquire("b", 8).Outcome));
    }

    [Fact]
    public void A_failed_trial_connect_starts_another_cool_down()
    {
        var table = Table();
        for (var i = 0; i < 3; i++)
        {
            table.ReportConnect("timed out");
        }

        _clock.Advance(TimeSpan.FromSeconds(31));
        table.TryAcquire("a", 8);
        table.ReportConnect("timed out again");

        Assert.Equal(("failing", 4, "timed out again"), (table.Snapshot().State, table.Snapshot().ConsecutiveFailures, table.Snapshot().LastError));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(30), table.Snapshot().RetryAt);
    }
}
