namespace Aft.Ui.Assets;

/// <summary>An ES module (a browser library's or AFT's own): the bare name others import it by, and its file in <see cref="UiAssets"/>.</summary>
public sealed record UiModule(string Name, string Path);
