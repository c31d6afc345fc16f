using Cinema.Grains;
using Cinema.Silo.Cli;

namespace Cinema.Silo.Tests.Cli;

/// <summary>How `users list` shows an account.</summary>
public class UsersCommandTests
{
    [Fact]
    public void List_line_is_address_state_name_and_creation_time_separated_by_tabs()
    {
        var info = new AccountInfo("alice@example.com", "Alice Liddell", true,
            new DateTimeOffset(2026, 1, 2, 4, 5, 6, TimeSpan.FromHours(1)), DateTimeOffset.UnixEpoch);
        Assert.Equal("alice@example.com\tenabled\tAlice Liddell\t2026-01-02T03:05:06Z", UsersCommand.Line(info));
    }

    [Fact]
    public void List_line_shows_a_disabled_account_without_a_name()
    {
        var info = new AccountInfo("bob@example.com", null, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        Assert.Equal("bob@example.com\tdisabled\t-\t1970-01-01T00:00:00Z", UsersCommand.Line(info));
    }
}
