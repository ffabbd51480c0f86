using Aft.Ui.Scripts;

namespace Aft.Ui.Tests.Scripts;

public sealed class LineDiffTests
{
    [Fact]
    public void Equal_texts_are_all_kept_lines_with_both_numbers()
    {
        var diff = LineDiff.Compare("a\nb\n", "a\nb");

        Assert.Equal([new(DiffKind.Same, 1, 1, "a"), new(DiffKind.Same, 2, 2, "b")], diff);
    }

    [Fact]
    public void A_changed_line_is_removed_then_added_between_the_kept_ones()
    {
        var diff = LineDiff.Compare("let a = 1;\nlet b = 2;\nlog(a + b);", "let a = 1;\nlet b = 3;\nlog(a + b);");

        Assert.Equal(
            [
                new(DiffKind.Same, 1, 1, "let a = 1;"),
                new(DiffKind.Removed, 2, null, "let b = 2;"),
                new(DiffKind.Added, null, 2, "let b = 3;"),
                new(DiffKind.Same, 3, 3, "log(a + b);"),
            ],
            diff);
    }

    [Fact]
    public void Lines_added_and_removed_in_the_middle_keep_the_numbers_of_each_side()
    {
        var diff = LineDiff.Compare("a\nb\nc\nd\ne", "a\nc\nx\ny\nd\ne");

        Assert.Equal(
            [
                new(DiffKind.Same, 1, 1, "a"),
                new(DiffKind.Removed, 2, null, "b"),
                new(DiffKind.Same, 3, 2, "c"),
                new(DiffKind.Added, null, 3, "x"),
                new(DiffKind.Added, null, 4, "y"),
                new(DiffKind.Same, 4, 5, "d"),
                new(DiffKind.Same, 5, 6, "e"),
            ],
            diff);
    }

    [Fact]
    public void From_or_to_an_empty_text_every_line_is_added_or_removed()
    {
        Assert.Equal([new(DiffKind.Added, null, 1, "x"), new(DiffKind.Added, null, 2, "y")], LineDiff.Compare("", "x\ny"));
        Assert.Equal([new(DiffKind.Removed, 1, null, "x")], LineDiff.Compare("x", ""));
        Assert.Empty(LineDiff.Compare("", ""));
    }

    [Fact]
    public void Windows_line_endings_compare_equal_to_unix_ones()
    {
        Assert.All(LineDiff.Compare("a\r\nb\r\n", "a\nb"), line => Assert.Equal(DiffKind.Same, line.Kind));
    }

    [Theory]
    [InlineData("abcabba", "cbabac")]
    [InlineData("aaaa", "bbbb")]
    [InlineData("abcdefgh", "hgfedcba")]
    [InlineData("xaxbxc", "abc")]
    public void The_diff_is_minimal_and_rebuilds_both_texts(string before, string after)
    {
        var oldText = string.Join("\n", before.ToCharArray());
        var newText = string.Join("\n", after.ToCharArray());

        var diff = LineDiff.Compare(oldText, newText);

        Assert.Equal(oldText, string.Join("\n", diff.Where(line => line.Kind != DiffKind.Added).Select(line => line.Text)));
        Assert.Equal(newText, string.Join("\n", diff.Where(line => line.Kind != DiffKind.Removed).Select(line => line.Text)));
        var kept = diff.Count(line => line.Kind == DiffKind.Same);
        Assert.Equal(LongestCommonSubsequence(before, after), kept);
        Assert.Equal(Enumerable.Range(1, before.Length).Cast<int?>(), diff.Where(line => line.OldNumber is not null).Select(line => line.OldNumber));
        Assert.Equal(Enumerable.Range(1, after.Length).Cast<int?>(), diff.Where(line => line.NewNumber is not null).Select(line => line.NewNumber));
    }

    /// <summary>The textbook dynamic programme, to check the diff keeps as many lines as can be kept.</summary>
    private static int LongestCommonSubsequence(string a, string b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
