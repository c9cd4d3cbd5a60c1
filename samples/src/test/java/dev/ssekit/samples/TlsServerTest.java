package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls}: HTTPS on Jetty with HTTP/2 from the JDK's ALPN, HTTP/1.1 for clients that do
 * not offer it, and a self-signed certificate made at start unless a keystore is given.
 */
class TlsServerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  private SampleServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anHttp2ClientNegotiatesHttp2AndReceivesTheStream() throws Exception {
    server = SampleServer.start(new SampleServer.Config(0).tls());
    HttpClient client = Tls.client(server.keystore().certificate(), HttpClient.Version.HTTP_2);

    HttpResponse<InputStream> stream = get(client, "events");

    assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream;charset=UTF-8");
    assertThat(readUntil(stream.body(), "event: ping")).contains("event: ping");
  }

  @Test
  void anHttp11OnlyClientStillGetsThePageTheChatAndTheStream() throws Exception {
    server = SampleServer.start(new SampleServer.Config(0).tls());
    HttpClient client = Tls.client(server.keystore().certificate(), HttpClient.Version.HTTP_1_1);

    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(server.baseUri()).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>ssekit samples</title>");

    HttpResponse<InputStream> chat = get(client, "chat/events?username=h1");
    assertThat(chat.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(readUntil(chat.body(), "\"username\":\"h1\"")).contains("event: userconnect");
  }

  @Test
  void aMessagePostedOverHttp2ReachesAStreamOverHttp2() throws Exception {
    server = SampleServer.start(new SampleServer.Config(0).tls());
    HttpClient client = Tls.client(server.keystore().certificate(), HttpClient.Version.HTTP_2);
    HttpResponse<InputStream> chat = get(client, "chat/events");
    // The hub subscribes before the response starts: the message cannot be missed.
    HttpResponse<String> posted =
        client.send(
            HttpRequest.newBuilder(server.baseUri().resolve("chat/messages"))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.message("h2", "over one stream")))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(readUntil(chat.body(), "over one stream")).contains("event: usermessage");
  }

  @Test
  void theSelfSignedCertificateNamesBothLoopbackNamesAndIsDeletedOnClose() throws Exception {
    server = SampleServer.start(new SampleServer.Config(0).tls());
    TlsKeystore keys = server.keystore();
    X509Certificate certificate = keys.certificate();

    assertThat(keys.isSelfSigned()).isTrue();
    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
    assertThat(keys.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(keys.path()).exists();
    // localhost is a name of the certificate too: a client that checks it against the host is
    // satisfied.
    HttpClient client = Tls.client(certificate, HttpClient.Version.HTTP_2);
    HttpResponse<String> byName =
        client.send(
            HttpRequest.newBuilder(
                    server.baseUri().resolve("//localhost:" + server.baseUri().getPort() + "/"))
                .timeout(WAIT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(byName.statusCode()).isEqualTo(200);

    server.close();

    assertThat(keys.path()).doesNotExist();
    assertThat(keys.path().getParent()).doesNotExist();
  }

  @Test
  void aGivenKeystoreIsPresentedAndKept() throws Exception {
    Path given = tmp.resolve("given.p12");
    String password;
    X509Certificate expected;
    try (TlsKeystore made = TlsKeystore.selfSigned()) {
      Files.copy(made.path(), given);
      password = made.password();
      expected = made.certificate();
    }
    server = SampleServer.start(new SampleServer.Config(0).tls().keystore(given, password));

    HttpResponse<String> page =
        Tls.client(expected, HttpClient.Version.HTTP_2)
            .send(
                HttpRequest.newBuilder(server.baseUri()).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.sslSession()).hasValueSatisfying(
        s -> {
          try {
            assertThat(s.getPeerCertificates()[0]).isEqualTo(expected);
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(server.keystore().isSelfSigned()).isFalse();
    server.close();
    assertThat(given).exists();
  }

  private HttpResponse<InputStream> get(HttpClient client, String path) throws Exception {
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response;
  }

  /** The stream's text up to the first line that contains {@code wanted}, read within WAIT. */
  private static String readUntil(InputStream body, String wanted) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              StringBuilder read = new StringBuilder();
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  read.append(line).append('\n');
                  if (line.contains(wanted)) {
                    return read.toString();
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              throw new AssertionError("the stream ended before " + wanted + ": " + read);
            })
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
