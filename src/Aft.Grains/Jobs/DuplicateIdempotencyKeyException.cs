namespace Aft.Grains.Jobs;

/// <summary>Another job was stored under the same idempotency key while this one was being submitted.</summary>
[GenerateSerializer]
public sealed class DuplicateIdempotencyKeyException(string idempotencyKey)
    : Exception($"a job with idempotency key '{idempotencyKey}' already exists");
