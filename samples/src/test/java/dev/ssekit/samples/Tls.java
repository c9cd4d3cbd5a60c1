package dev.ssekit.samples;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's HttpClient trusting one certificate, such as a test server's self-signed one. */
final class Tls {
  private Tls() {}

  /** A client of {@code version} that trusts {@code certificate} and nothing else. */
  static HttpClient client(X509Certificate certificate, HttpClient.Version version) {
    return HttpClient.newBuilder()
        .version(version)
        .sslContext(trusting(certificate))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static SSLContext trusting(X509Certificate certificate) {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("server", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
