package dev.ssekit.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key and certificate that {@code serve --tls} presents: a keystore file given on the command
 * line, or a self-signed certificate for {@code 127.0.0.1} and {@code localhost} made at start.
 *
 * <p>The self-signed one comes from the JDK's own {@code keytool}, so that nothing but the JDK is
 * needed: a new EC key each start, in a PKCS12 file in a temporary folder that {@link #close()}
 * deletes (and, should the process end without closing, the JVM at exit).
 */
final class TlsKeystore implements AutoCloseable {
  /** The names the self-signed certificate is valid for, as keytool's SubjectAlternativeName. */
  static final String SELF_SIGNED_NAMES = "ip:127.0.0.1,dns:localhost";

  private static final String ALIAS = "ssekit-samples";

  /** keytool makes a key in well under a second; this only bounds a keytool that hangs. */
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private final Path path;
  private final String password;
  private final X509Certificate certificate;
  private final Path madeIn;

  private TlsKeystore(Path path, String password, X509Certificate certificate, Path madeIn) {
    this.path = path;
    this.password = password;
    this.certificate = certificate;
    this.madeIn = madeIn;
  }

  /**
   * Reads a keystore (PKCS12 or JKS) whose first key entry is the server's key and certificate.
   *
   * @throws IllegalArgumentException if the file cannot be read, the password is wrong, or it holds
   *     no key with an X.509 certificate; the message says which
   */
  static TlsKeystore load(Path file, String password) {
    return new TlsKeystore(file, password, serverCertificate(file, password), null);
  }

  /**
   * Makes a new key and a self-signed certificate for {@code 127.0.0.1} and {@code localhost},
   * valid for 30 days, in a temporary PKCS12 file.
   *
   * @throws IllegalStateException if keytool fails; the message holds its output
   */
  static TlsKeystore selfSigned() {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Path folder;
    try {
      folder = Files.createTempDirectory("ssekit-samples-tls");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    folder.toFile().deleteOnExit();
    Path file = folder.resolve("self-signed.p12");
    file.toFile().deleteOnExit(); // registered last, so deleted before its folder
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            ALIAS,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-validity",
            "30",
            "-dname",
            "CN=localhost, O=ssekit samples",
            "-ext",
            "SAN=" + SELF_SIGNED_NAMES,
            "-storetype",
            "PKCS12",
            "-keystore",
            file.toString(),
            // From the environment, so that the password never shows in the process list.
            "-storepass:env",
            "SSEKIT_KEYSTORE_PASSWORD",
            "-keypass:env",
            "SSEKIT_KEYSTORE_PASSWORD"));
    ProcessBuilder keytool = new ProcessBuilder(command).redirectErrorStream(true);
    keytool.environment().put("SSEKIT_KEYSTORE_PASSWORD", password);
    try {
      Process process = keytool.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool did not finish within a minute");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed (exit " + process.exitValue() + "): " + output.strip());
      }
      return new TlsKeystore(file, password, serverCertificate(file, password), folder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool made the certificate", e);
    } catch (RuntimeException e) {
      deleteQuietly(file, folder);
      throw e;
    }
  }

  /** The keystore file. */
  Path path() {
    return path;
  }

  String password() {
    return password;
  }

  /** True if this is a certificate made at start, which browsers do not trust. */
  boolean isSelfSigned() {
    return madeIn != null;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's SHA-256 fingerprint as keytool and browsers show it: {@code AB:CD:…}. */
  String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e); // SHA-256 is in every JDK; the encoding was just read
    }
  }

  /** Deletes a keystore made at start; a keystore given on the command line is left alone. */
  @Override
  public void close() {
    if (madeIn != null) {
      deleteQuietly(path, madeIn);
    }
  }

  private static X509Certificate serverCertificate(Path file, String password) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read keystore " + file + ": no such file");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read keystore " + file + " (wrong password?): " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read keystore " + file + ": " + e.getMessage(), e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        Certificate certificate = store.isKeyEntry(alias) ? store.getCertificate(alias) : null;
        if (certificate instanceof X509Certificate) {
          return (X509Certificate) certificate;
        }
      }
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("cannot read keystore " + file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "keystore " + file + " holds no private key with an X.509 certificate");
  }

  private static void deleteQuietly(Path file, Path folder) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // deleteOnExit tries again at exit.
    }
  }
}
