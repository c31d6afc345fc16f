using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Cinema.Edge.Configuration;

/// <summary>
/// TLS for Orleans' own connections, silo to silo and client (gateway, command line) to silo
/// (Cinema:Orleans:Tls:Certificate, :Key, :Password). Every process of a cluster uses the same certificate, and
/// both ends must present it (mutual TLS): a peer is accepted when its certificate chains to a trusted root or is
/// that very certificate, so a self-made cluster certificate works without a CA.
/// </summary>
public sealed class OrleansTlsSettings
{
    private OrleansTlsSettings(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    /// <summary>The settings, or null when Cinema:Orleans:Tls:Certificate is not set (plain TCP).</summary>
    public static OrleansTlsSettings? Read(IConfiguration config)
    {
        var path = ConfigReader.Text(config, "Cinema:Orleans:Tls:Certificate");
        if (path is null) return null;
        if (!File.Exists(path)) throw new ConfigurationException("Cinema:Orleans:Tls:Certificate", path, "file not found");
        var key = ConfigReader.Text(config, "Cinema:Orleans:Tls:Key");
        var password = ConfigReader.Text(config, "Cinema:Orleans:Tls:Password");
        try
        {
            var certificate = key is not null
                ? X509Certificate2.CreateFromPemFile(path, key)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
                throw new ConfigurationException("Cinema:Orleans:Tls:Certificate", path, "the certificate has no private key (give a PFX, or PEM with Cinema:Orleans:Tls:Key)");
            // PEM keys are ephemeral on some platforms; a PKCS#12 round trip gives SslStream a usable key.
            return new OrleansTlsSettings(key is null ? certificate : X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ConfigurationException("Cinema:Orleans:Tls:Certificate", path, "cannot read the certificate: " + e.Message);
        }
    }

    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) =>
            errors == SslPolicyErrors.None || string.Equals(remote.Thumbprint, Certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
    }
}
