namespace Aft.Bench.Transfers;

/// <summary>A side of a transfer.</summary>
public enum Side
{
    Local,
    Remote,
}
