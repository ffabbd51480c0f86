namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>What a listing of a key prefix found.</summary>
/// <param name="Objects">The objects under the prefix (only those directly below it when the listing was delimited).</param>
/// <param name="Prefixes">With a delimited listing, the "sub folders": common key prefixes ending in '/'.</param>
public sealed record ObjectListing(IReadOnlyList<StoredObject> Objects, IReadOnlyList<string> Prefixes);
