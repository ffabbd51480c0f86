namespace Aft.Scripting.Tests;

public static class Js
{
    /// <summary>A C# string as a JavaScript string literal.</summary>
    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
