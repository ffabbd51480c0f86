namespace Aft.Ui.Scripts;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A line of a diff: its text and its number in the old text, the new one, or both (1-based).</summary>
public sealed record DiffLine(DiffKind Kind, int? OldNumber, int? NewNumber, string Text);
