using Aft.Grains.Accounts;
using Aft.Grains.Storage;
using Aft.Grains.Tests.Storage;
using Aft.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aft.Grains.Tests.Accounts;

/// <summary>The web UI's admin accounts: first-run creation, sign-in and lockout, passwords, the last admin; on each store.</summary>
public abstract class AdminAccountsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T09:00:00Z"));

    protected abstract AppDatabase Database { get; }

    private AdminAccounts Accounts() => new(new AdminAccountStore(Database), Options.Create(new AdminAccountsOptions()), _clock);

    [Fact]
    public async Task The_first_admin_is_made_once_and_names_are_unique_without_regard_to_case()
    {
        var accounts = Accounts();
        await new AdminAccountStore(Database).DeleteAllAsync();
        Assert.False(await accounts.AnyAsync());

        var first = await accounts.CreateFirstAsync("  Alice ", "alice's long password");
        Assert.Equal("Alice", first!.UserName);
        Assert.Null(await accounts.CreateFirstAsync("bob", "bob's long password"));

        var error = await Assert.ThrowsAsync<AdminAccountException>(() => accounts.AddAsync("ALICE", "another long password"));
        Assert.Equal("userName", error.Field);
        Assert.Equal("password", (await Assert.ThrowsAsync<AdminAccountException>(() => accounts.AddAsync("carol", "short"))).Field);
        Assert.Equal("password", (await Assert.ThrowsAsync<AdminAccountException>(() => accounts.AddAsync("carol-carol-1", "CAROL-CAROL-1"))).Field);
        await accounts.AddAsync("carol", "carol's long password");
        Assert.Equal(["Alice", "carol"], (await accounts.ListAsync()).Select(account => account.UserName));
    }

    [Fact]
    public async Task Failed_sign_ins_lock_the_account_for_the_lockout_time_then_the_right_password_opens_it()
    {
        var accounts = Accounts();
        var name = "lock-" + Guid.NewGuid().ToString("N")[..8];
        await accounts.AddAsync(name, "the right password");
        Assert.False((await accounts.SignInAsync("nobody-" + name, "the right password")).Succeeded);

        for (var attempt = 1; attempt < accounts.Options.MaxFailedLogins; attempt++)
        {
            var failed = await accounts.SignInAsync(name, "wrong");
            Assert.False(failed.Succeeded);
            Assert.False(failed.LockedOut);
        }

        var locked = await accounts.SignInAsync(name.ToUpperInvariant(), "wrong");
        Assert.True(locked.LockedOut);
        Assert.Equal(_clock.GetUtcNow() + accounts.Options.LockoutDuration, locked.LockedUntil);
        Assert.True((await accounts.SignInAsync(name, "the right password")).LockedOut);

        _clock.Advance(accounts.Options.LockoutDuration + TimeSpan.FromSeconds(1));
        var opened = await accounts.SignInAsync(name, "the right password");
        Assert.True(opened.Succeeded);
        Assert.Equal(0, (await accounts.GetAsync(opened.Account!.Id))!.FailedLogins);

        // A success resets the count: the next lock needs the full number of failures again.
        Assert.False((await accounts.SignInAsync(name, "wrong")).LockedOut);
    }

    [Fact]
    public async Task A_new_password_needs_the_current_one_and_changes_the_security_stamp()
    {
        var accounts = Accounts();
        var name = "pw-" + Guid.NewGuid().ToString("N")[..8];
        var account = await accounts.AddAsync(name, "the first password");

        Assert.Equal("currentPassword", (await Assert.ThrowsAsync<AdminAccountException>(() => accounts.ChangePasswordAsync(account.Id, "not it", "the second password"))).Field);
        Assert.Equal("newPassword", (await Assert.ThrowsAsync<AdminAccountException>(() => accounts.ChangePasswordAsync(account.Id, "the first password", "short"))).Field);
        var changed = await accounts.ChangePasswordAsync(account.Id, "the first password", "the second password");

        Assert.NotEqual(account.SecurityStamp, changed.SecurityStamp);
        Assert.Equal(changed.SecurityStamp, (await accounts.GetAsync(account.Id))!.SecurityStamp);
        Assert.False((await accounts.SignInAsync(name, "the first password")).Succeeded);
        Assert.True((await accounts.SignInAsync(name, "the second password")).Succeeded);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed_and_reinit_removes_them_all()
    {
        var store = new AdminAccountStore(Database);
        await store.DeleteAllAsync();
        var accounts = Accounts();
        var first = await accounts.CreateFirstAsync("first", "the first password");
        var second = await accounts.AddAsync("second", "the second password");

        Assert.True(await accounts.RemoveAsync(second.Id));
        Assert.False(await accounts.RemoveAsync(second.Id));
        Assert.Equal("id", (await Assert.ThrowsAsync<AdminAccountException>(() => accounts.RemoveAsync(first!.Id))).Field);

        await accounts.AddAsync("third", "the third password");
        Assert.Equal(2, await store.DeleteAllAsync());
        Assert.False(await accounts.AnyAsync());
    }
}

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SqliteAdminAccountsTests : AdminAccountsTests, IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    protected override AppDatabase Database => _data.Database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _data.DisposeAsync();
}

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresAdminAccountsTests(PostgresStoreFixture store) : AdminAccountsTests, IClassFixture<PostgresStoreFixture>
{
    protected override AppDatabase Database => store.Database;
}
