using System.Net;
using Aft.Grains.Settings;

namespace Aft.Grains.Tests.Settings;

public sealed class UiSettingsRulesTests
{
    private static readonly IPAddress Admin = IPAddress.Parse("10.1.2.3");

    [Theory]
    [InlineData(4, "sessionLifetime")]
    [InlineData(30 * 24 * 60 + 1, "sessionLifetime")]
    [InlineData(5, null)]
    [InlineData(30 * 24 * 60, null)]
    public void The_session_lifetime_is_5_minutes_to_30_days(int minutes, string? field)
    {
        var (settings, refused, _) = UiSettingsRules.Check(TimeSpan.FromMinutes(minutes), [], Admin);

        Assert.Equal(field, refused);
        Assert.Equal(field is null, settings is not null);
    }

    [Fact]
    public void A_bad_entry_is_named()
    {
        var (_, field, error) = UiSettingsRules.Check(TimeSpan.FromHours(8), ["10.0.0.0/8", "10.0.0.300"], Admin);

        Assert.Equal("allowedAddresses", field);
        Assert.Contains("'10.0.0.300'", error);
    }

    [Fact]
    public void An_allowlist_without_the_admins_own_address_is_refused()
    {
        var (settings, field, error) = UiSettingsRules.Check(TimeSpan.FromHours(8), ["192.168.0.0/16"], Admin);

        Assert.Null(settings);
        Assert.Equal("allowedAddresses", field);
        Assert.Contains("10.1.2.3", error);
        Assert.Contains("lock you out", error);
    }

    [Fact]
    public void Entries_are_trimmed_blank_lines_dropped_and_an_empty_list_answers_any_address()
    {
        var (settings, _, _) = UiSettingsRules.Check(TimeSpan.FromHours(1), [" 10.0.0.0/8 ", "", "  ", "::1"], Admin);
        var (open, _, _) = UiSettingsRules.Check(TimeSpan.FromHours(1), ["", " "], null);

        Assert.Equal(["10.0.0.0/8", "::1"], settings!.AllowedAddresses);
        Assert.Empty(open!.AllowedAddresses);
    }
}
