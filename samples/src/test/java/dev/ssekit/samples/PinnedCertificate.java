package dev.ssekit.samples;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the one server certificate whose SHA-256 fingerprint is given, as a person does who
 * compares the fingerprint {@code serve --tls} prints with the one the browser shows.
 */
final class PinnedCertificate implements X509TrustManager {
  private final String fingerprint;

  private PinnedCertificate(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  /** A TLS context whose clients accept only the certificate with this fingerprint. */
  static SSLContext context(String sha256Fingerprint) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinnedCertificate(sha256Fingerprint)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    String presented;
    try {
      presented =
          HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException(e);
    }
    if (!presented.equals(fingerprint)) {
      throw new CertificateException("fingerprint " + presented + ", expected " + fingerprint);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client trust manager only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
