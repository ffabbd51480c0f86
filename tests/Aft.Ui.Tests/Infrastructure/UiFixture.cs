using Aft.Grains.Accounts;

namespace Aft.Ui.Tests.Infrastructure;

/// <summary>
/// One browser and one node whose setup is done (an admin account exists), shared by the UI tests of the collection;
/// tests that need a node of their own (the setup wizard, <c>aft reinit</c>) start one with <see cref="UiNode.StartAsync"/>.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "correct horse battery staple";

    public Browser Browser { get; private set; } = null!;

    public UiNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Browser = await Browser.LaunchAsync();
        Node = await UiNode.StartAsync();
        await Node.Get<AdminAccounts>().CreateFirstAsync(AdminUserName, AdminPassword);
    }

    /// <summary>A page on the shared node, signed in as the admin.</summary>
    public async Task<UiPage> SignedInPageAsync(int width = 1280)
    {
        var page = await Browser.OpenAsync(Node, width);
        await page.SignInAsync(AdminUserName, AdminPassword);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Browser.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "web UI";
}
