namespace Cinema.Grains;

/// <summary>
/// A server secret shared by every gateway of the cluster (key: its purpose, e.g. "digest-nonce"): made once,
/// at random, and kept in grain storage, so that a nonce issued by one gateway is accepted by all.
/// </summary>
[Alias("cinema.ISecretGrain")]
public interface ISecretGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<byte[]> GetSecret();
}
