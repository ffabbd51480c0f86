namespace Aft.Ui.Scripts;

/// <summary>
/// The shortest line diff between two texts (Myers' O((N+M)·D) algorithm), as the lines of both in order: each kept,
/// removed or added line once, a removal before the addition that replaces it. Lines common to both ends are
/// set aside first, so an edit in a long script costs little.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compare(string oldText, string newText)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffKind.Same, i + 1, i + 1, a[i]));
        }

        Middle(a, b, prefix, a.Length - suffix, b.Length - suffix, result);
        for (var i = a.Length - suffix; i < a.Length; i++)
        {
            var j = i - a.Length + b.Length;
            result.Add(new DiffLine(DiffKind.Same, i + 1, j + 1, a[i]));
        }

        return result;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Myers' greedy search for the edit path through a[start..aEnd] and b[start..bEnd], then its walk back.</summary>
    private static void Middle(string[] a, string[] b, int start, int aEnd, int bEnd, List<DiffLine> result)
    {
        var n = aEnd - start;
        var m = bEnd - start;
        var max = n + m;
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[start + x] == b[start + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    WalkBack(a, b, start, trace, offset, n, m, d, result);
                    return;
                }
            }
        }
    }

    private static void WalkBack(string[] a, string[] b, int start, List<int[]> trace, int offset, int n, int m, int d, List<DiffLine> result)
    {
        var path = new List<DiffLine>();
        var (x, y) = (n, m);
        for (; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = v[offset + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                path.Add(new DiffLine(DiffKind.Same, start + x + 1, start + y + 1, a[start + x]));
            }

            if (down)
            {
                y--;
                path.Add(new DiffLine(DiffKind.Added, null, start + y + 1, b[start + y]));
            }
            else
            {
                x--;
                path.Add(new DiffLine(DiffKind.Removed, start + x + 1, null, a[start + x]));
            }
        }

        while (x > 0 && y > 0)
        {
            x--;
            y--;
            path.Add(new DiffLine(DiffKind.Same, start + x + 1, start + y + 1, a[start + x]));
        }

        path.Reverse();
        result.AddRange(path);
    }
}
