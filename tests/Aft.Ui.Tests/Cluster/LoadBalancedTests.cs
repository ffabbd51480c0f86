using System.Security.Cryptography;
using Aft.Grains.Accounts;
using Aft.Silo;
using Aft.Testing;
using Aft.Testing.Servers;
using Aft.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aft.Ui.Tests.Cluster;

/// <summary>
/// Two silos on one PostgreSQL database, as behind a round-robin load balancer: a session and an antiforgery token
/// made by one silo work on the other (the Data Protection key ring is in the database).
/// </summary>
[Collection(UiCollection.Name)]
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class LoadBalancedTests(UiFixture fixture)
{
    [Fact]
    public async Task A_session_signed_in_on_one_silo_reads_and_posts_on_the_other()
    {
        using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var adminKey = (await PostgresStoreSetup.InitAsync(connectionString)).InitialAdminKey!;
        var store = new Dictionary<string, string?>
        {
            ["Aft:Store:Provider"] = "Postgres",
            ["Aft:Store:ConnectionString"] = connectionString,
            ["Aft:Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var first = await UiNode.StartAsync(store);
        await using var second = await UiNode.StartAsync(store);
        second.AdminKey = adminKey;
        await first.Get<AdminAccounts>().CreateFirstAsync("balanced", "a password for both silos");

        await using var browser = await fixture.Browser.OpenAsync(first);
        await browser.SignInAsync("balanced", "a password for both silos");

        // Cookies belong to the host, not the port: the second silo gets the first one's session and antiforgery cookies.
        var page = browser.Page;
        await page.GotoAsync(new Uri(second.BaseAddress, "/secrets").ToString());
        Assert.Equal(new Uri(second.BaseAddress, "/secrets").ToString(), page.Url);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("from-the-second-silo");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("a value");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the secret 'from-the-second-silo'");

        using var client = second.AdminClient();
        Assert.Contains("from-the-second-silo", await client.GetStringAsync("/v1/secrets"));
        browser.AssertNoErrors();
    }
}
