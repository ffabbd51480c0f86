using System.Text;

namespace Aft.Scripting.Http;

/// <summary>A request body and its media type.</summary>
public sealed record HttpCliBody(byte[] Data, string ContentType)
{
    public static HttpCliBody Text(string text) => new(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static HttpCliBody Json(string json) => new(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");
}
