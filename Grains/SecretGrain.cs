using System.Security.Cryptography;

namespace Cinema.Grains;

/// <summary>Keeps one random 32-byte secret, made on first use and never changed.</summary>
public sealed class SecretGrain(
    [PersistentState("secret", StorageNames.Default)] IPersistentState<SecretState> state) : Grain, ISecretGrain
{
    public async Task<byte[]> GetSecret()
    {
        if (state.State.Secret is { } secret) return secret;
        state.State.Secret = RandomNumberGenerator.GetBytes(32);
        await state.WriteStateAsync();
        return state.State.Secret;
    }
}
