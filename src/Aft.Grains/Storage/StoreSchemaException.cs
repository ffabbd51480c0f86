namespace Aft.Grains.Storage;

/// <summary>The database's schema is missing or older than this build; the message names the command that fixes it.</summary>
public sealed class StoreSchemaException(string message) : Exception(message);
