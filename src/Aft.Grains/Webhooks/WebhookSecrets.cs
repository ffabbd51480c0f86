using System.Security.Cryptography;
using System.Text;

namespace Aft.Grains.Webhooks;

/// <summary>
/// Signing secrets and signatures as Standard Webhooks defines them: a secret is <c>whsec_</c> and the Base64 of its
/// key bytes; a signature is <c>v1,</c> and the Base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public const int MinKeyBytes = 24;

    private const int GeneratedKeyBytes = 32;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));

    /// <summary>Whether <paramref name="secret"/> is <c>whsec_</c> and the Base64 of at least <see cref="MinKeyBytes"/> bytes.</summary>
    public static bool IsValid(string secret) => KeyOf(secret) is { Length: >= MinKeyBytes };

    /// <summary>The <c>webhook-signature</c> header's value for one attempt.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("not a webhook secret", nameof(secret));
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    private static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(secret[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
