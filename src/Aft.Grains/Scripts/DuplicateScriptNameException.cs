namespace Aft.Grains.Scripts;

public sealed class DuplicateScriptNameException(string name)
    : Exception($"a script named '{name}' already exists (names are compared case-insensitively)");
