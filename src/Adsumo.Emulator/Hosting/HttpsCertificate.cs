using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Adsumo.Emulator.Hosting;

/// <summary>
/// The certificate of https:// URLs, read from a PKCS#12 file. The emulator never makes or trusts one itself: tests
/// make a certificate for the run and trust its issuer in their own client process only.
/// </summary>
internal static class HttpsCertificate
{
    public static X509Certificate2 Load(string path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new EmulatorOptionsException("--https-cert is empty.");
        if (!System.IO.File.Exists(path)) throw new EmulatorOptionsException($"--https-cert: '{path}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException error)
        {
            throw new EmulatorOptionsException(
                $"--https-cert: '{path}' could not be read as a PKCS#12 (.pfx) file with the password given ({error.Message.TrimEnd('.')}).");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new EmulatorOptionsException($"--https-cert: '{path}' has no private key, which serving https needs.");
        }
        return certificate;
    }
}
