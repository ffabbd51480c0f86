using Aft.Api.Scripts;
using Aft.Ui.Scripts;

namespace Aft.Ui.Tests.Scripts;

public sealed class ScriptErrorLocationTests
{
    [Theory]
    [InlineData("syntax error: Unexpected token (line 3, column 7)", 3, 7)]
    [InlineData("uncaught error: boom (line 12, column 1)", 12, 1)]
    public void The_line_and_column_at_the_end_of_a_message_are_read(string message, int line, int column)
    {
        Assert.Equal((line, column), ScriptErrorLocation.Parse(message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("'code' is required: the script's SyncJS source")]
    [InlineData("the script went over its memory limit")]
    [InlineData("syntax error: (line 3, column 7) is not at the end")]
    [InlineData("syntax error: x (line 0, column 1)")]
    public void A_message_without_a_location_has_none(string? message)
    {
        Assert.Null(ScriptErrorLocation.Parse(message));
    }

    [Fact]
    public void The_servers_syntax_check_gives_the_line_and_column_of_the_error_counted_from_1()
    {
        Assert.Equal((3, 12), ScriptErrorLocation.Parse(ScriptDraftParser.SyntaxCheck("const a = 1;\nconst b = 2;\nlet c = a +* b;\n")));
        Assert.Equal((1, 1), ScriptErrorLocation.Parse(ScriptDraftParser.SyntaxCheck("*")));
    }
}
