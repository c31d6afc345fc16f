using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Cinema.Sip.Transport;

/// <summary>The certificate and TLS settings of both sides, loaded once when the transport starts.</summary>
internal sealed class TlsCredentials
{
    private readonly SipTlsOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly SslStreamCertificateContext? _serverContext;

    private TlsCredentials(SipTlsOptions options, X509Certificate2? certificate, X509Certificate2Collection? chain)
    {
        _options = options;
        _certificate = certificate;
        // The intermediates go out with our certificate, so peers that only trust the root can build the chain.
        _serverContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, chain, offline: true);
    }

    public static bool HasCertificate(SipTlsOptions options) => options.Certificate is not null || options.CertificatePath is not null;

    public static TlsCredentials Load(SipTlsOptions options)
    {
        if (options.Certificate is { } given) return new TlsCredentials(options, given, null);
        if (options.CertificatePath is not { } path) return new TlsCredentials(options, null, null);
        var extension = Path.GetExtension(path);
        var all = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.CertificatePassword)
            : LoadPem(path, options);
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new InvalidOperationException($"The TLS certificate file '{path}' has no certificate with a private key.");
        var chain = new X509Certificate2Collection();
        foreach (var other in all)
        {
            if (!ReferenceEquals(other, leaf)) chain.Add(other);
        }

        return new TlsCredentials(options, leaf, chain);
    }

    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = _serverContext,
        // RFC 5630 §3 leaves client certificates to the deployment: phones rarely have one, so none is asked for.
        ClientCertificateRequired = false,
        EnabledSslProtocols = _options.Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    /// <summary>
    /// Client side: the server must present a certificate for <paramref name="targetHost"/> (RFC 5922 §7.2), which is
    /// also sent as SNI, unless untrusted certificates are allowed. Our certificate, if any, is offered to servers
    /// that ask (mutual TLS between SIP servers, RFC 5922 §7.3).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359:Do not disable certificate validation",
        Justification = "Only with AllowUntrustedServerCertificates, an explicit opt-in for tests and labs; strict by default.")]
    public SslClientAuthenticationOptions ClientOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        EnabledSslProtocols = _options.Protocols,
        ClientCertificates = _certificate is null ? null : [_certificate],
        RemoteCertificateValidationCallback = _options.AllowUntrustedServerCertificates ? static (_, _, _, _) => true : null,
    };

    /// <summary>A PEM file: the first certificate with the key (from KeyPath or the same file), then any intermediates.</summary>
    private static X509Certificate2Collection LoadPem(string path, SipTlsOptions options)
    {
        var leaf = options.CertificatePassword is null
            ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, options.KeyPath);
        if (OperatingSystem.IsWindows())
        {
            // Windows SChannel cannot use the ephemeral key of a PEM import; a PKCS#12 round trip persists it.
            using var ephemeral = leaf;
            leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(path);
        var result = new X509Certificate2Collection(leaf);
        foreach (var other in all)
        {
            if (other.Thumbprint != leaf.Thumbprint) result.Add(other);
            else other.Dispose();
        }

        return result;
    }
}
