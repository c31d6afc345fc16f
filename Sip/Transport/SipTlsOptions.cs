using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Cinema.Sip.Transport;

/// <summary>
/// The certificate a tls: listener presents (and offers as a client certificate on connections we open), and how
/// strictly servers we connect to are checked (RFC 5922 §7: against the SIP domain we meant to reach).
/// </summary>
public sealed record SipTlsOptions
{
    /// <summary>A certificate with its private key, given directly; takes precedence over <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A PKCS#12 file (.pfx, .p12) or a PEM certificate file (.pem, .crt) with the key in <see cref="KeyPath"/> or in the same file.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>For PEM, the private key file when it is not in <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>
    /// Accept any server certificate (self-signed, wrong name, expired) on connections we open. For tests and labs
    /// only: it removes the protection TLS gives against an attacker on the path.
    /// </summary>
    public bool AllowUntrustedServerCertificates { get; init; }

    /// <summary>TLS versions to offer; None lets the operating system choose (TLS 1.2 and later).</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;
}
