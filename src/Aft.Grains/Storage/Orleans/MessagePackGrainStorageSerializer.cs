using MessagePack;
using MessagePack.Resolvers;
using Orleans.Storage;

namespace Aft.Grains.Storage.Orleans;

/// <summary>
/// Stores grain state as MessagePack with numbered keys: compact, and no type names in the payload, so a
/// state type can be renamed or moved without breaking what is stored.
/// </summary>
public sealed class MessagePackGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolverAllowPrivate.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public BinaryData Serialize<T>(T? input) => new(MessagePackSerializer.Serialize(input, Options));

    public T Deserialize<T>(BinaryData input) => MessagePackSerializer.Deserialize<T>(input.ToMemory(), Options);
}
