using Jint.Runtime;

namespace Aft.Scripting.Runtime;

/// <summary>Describes a failed run the way a script author needs it: the message and where in the script.</summary>
public static class ScriptErrors
{
    public static string Describe(JavaScriptException exception)
    {
        var location = exception.Location;
        var where = location.Start.Line > 0 ? $" (line {location.Start.Line}, column {location.Start.Column + 1})" : string.Empty;
        return $"uncaught error: {exception.Message}{where}";
    }

    /// <remarks>Columns count from 1, as editors show them (the parser and Jint's locations count from 0).</remarks>
    public static string Describe(Exception exception) => exception switch
    {
        JavaScriptException js => Describe(js),
        MemoryLimitExceededException => "the script went over its memory limit",
        RecursionDepthOverflowException => "the script went over its recursion limit",
        Acornima.ParseErrorException parse => $"syntax error: {parse.Description} (line {parse.LineNumber}, column {parse.Column + 1})",
        _ when exception.InnerException is Acornima.ParseErrorException inner => Describe(inner),
        _ => $"script error: {exception.Message}",
    };
}
