namespace Aft.Ui.Assets;

/// <summary>An ES module of a browser library: the bare name others import it by, and its file in <see cref="UiAssets"/>.</summary>
public sealed record UiModule(string Name, string Path);
