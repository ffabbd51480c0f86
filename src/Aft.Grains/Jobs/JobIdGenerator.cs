using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aft.Grains.Jobs;

/// <summary>
/// Job ids: UUIDv7 (RFC 9562) as 32 hex digits, strictly increasing on a node. The queue starts the oldest job first by
/// id, and <see cref="Guid.CreateVersion7()"/> orders ids only to the millisecond (its other bits are random), so jobs
/// submitted within one millisecond could start out of order. Here the 12 bits after the version count up within a
/// millisecond (RFC 9562's "fixed bit-length dedicated counter"), borrowing the next millisecond when they run out,
/// and the rest stays random.
/// </summary>
public sealed class JobIdGenerator(TimeProvider clock)
{
    private const int CounterLimit = 1 << 12;

    private readonly Lock _lock = new();
    private long _lastMs;
    private int _counter;

    public string Next()
    {
        long ms;
        int counter;
        lock (_lock)
        {
            ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (ms > _lastMs)
            {
                _lastMs = ms;
                _counter = 0;
            }
            else if (++_counter == CounterLimit)
            {
                // The counter ran out (or the clock went back): go on in the next millisecond, still after the last id.
                _lastMs++;
                _counter = 0;
            }

            (ms, counter) = (_lastMs, _counter);
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, (ms << 16) | (0x7L << 12) | (uint)counter);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes);
    }
}
