using Aft.Scripting.Tests.Vfs.Contract;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.ObjectStore;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>
/// How a write's parts go out: several at once, confirmed in order, and after a failure only the first parts count
/// (a retry resumes after them). The requests are the writer's own callbacks here; the stores' scenarios send them
/// to s3rver and Azurite.
/// </summary>
public sealed class ContentPartsTests
{
    private const int PartSize = 1024;
    private const int PartCount = 10;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly byte[] _data = new byte[PartCount * PartSize];

    [Fact(Timeout = 30_000)]
    public async Task Parts_go_out_up_to_the_limit_at_once_and_are_confirmed_in_order()
    {
        var requests = new Requests(PartCount, limit: 3);
        await using var parts = await ContentParts.OpenAsync(VfsContent.FromBytes(_data), 0, partsInFlight: 3, "/f", None);

        await parts.SendAllAsync(PartSize, requests.Send, requests.Sent, None);

        Assert.Equal(3, requests.MostAtOnce);
        Assert.Equal(Enumerable.Range(0, PartCount), requests.Confirmed);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failed_request_stops_the_count_at_the_part_before_it_even_when_later_parts_arrived()
    {
        var requests = new Requests(PartCount, limit: 3, failing: 4, finishStragglers: true);
        await using var parts = await ContentParts.OpenAsync(VfsContent.FromBytes(_data), 0, partsInFlight: 3, "/f", None);

        var failure = await Assert.ThrowsAsync<IOException>(() => parts.SendAllAsync(PartSize, requests.Send, requests.Sent, None));

        Assert.Equal("part 4 was refused", failure.Message);
        Assert.Equal(Enumerable.Range(0, 4), requests.Confirmed);
        Assert.Equal(0, requests.Outstanding);
    }

    [Fact(Timeout = 30_000)]
    public async Task When_reading_fails_the_parts_already_on_their_way_still_count_in_order()
    {
        var requests = new Requests(PartCount, limit: 3, finishStragglers: true);
        var content = VfsContent.From(_data.Length, (_, _) => Task.FromResult<Stream>(new FailingStream(new MemoryStream(_data), 5 * PartSize + 7, transient: true)));
        await using var parts = await ContentParts.OpenAsync(content, 0, partsInFlight: 3, "/f", None);

        await Assert.ThrowsAsync<VfsException>(() => parts.SendAllAsync(PartSize, requests.Send, requests.Sent, None));

        Assert.Equal(Enumerable.Range(0, 5), requests.Confirmed);
        Assert.Equal(0, requests.Outstanding);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_one_part_write_sends_one_request()
    {
        var requests = new Requests(parts: 1, limit: 4);
        await using var parts = await ContentParts.OpenAsync(VfsContent.FromBytes(_data[..100]), 0, partsInFlight: 4, "/f", None);

        await parts.SendAllAsync(PartSize, requests.Send, requests.Sent, None);

        Assert.Equal([0], requests.Confirmed);
    }

    /// <summary>
    /// Requests that stay open until <paramref name="limit"/> are open or the last part is sent, then finish newest
    /// first, so the order of confirmations cannot follow the order of completions by chance. With
    /// <paramref name="finishStragglers"/> the open ones also finish shortly after each send, for a writer that stops
    /// sending early (a read or a request failed).
    /// </summary>
    private sealed class Requests(int parts, int limit, int failing = -1, bool finishStragglers = false)
    {
        private readonly List<TaskCompletionSource<int>> _sent = [];

        public List<int> Confirmed { get; } = [];

        public int MostAtOnce { get; private set; }

        public int Outstanding => _sent.Count(request => !request.Task.IsCompleted);

        public Task<int> Send(ContentPart part, CancellationToken cancellationToken)
        {
            var request = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool full;
            lock (_sent)
            {
                _sent.Add(request);
                MostAtOnce = Math.Max(MostAtOnce, Outstanding);
                full = Outstanding == limit || _sent.Count == parts;
            }

            if (full)
            {
                FinishOpen();
            }
            else if (finishStragglers)
            {
                _ = FinishOpenSoonAsync();
            }

            return request.Task;
        }

        public void Sent(ContentPart part, int number) => Confirmed.Add(number);

        private async Task FinishOpenSoonAsync()
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            FinishOpen();
        }

        private void FinishOpen()
        {
            lock (_sent)
            {
                for (var number = _sent.Count - 1; number >= 0; number--)
                {
                    if (number == failing)
                    {
                        _sent[number].TrySetException(new IOException($"part {number} was refused"));
                    }
                    else
                    {
                        _sent[number].TrySetResult(number);
                    }
                }
            }
        }
    }
}
