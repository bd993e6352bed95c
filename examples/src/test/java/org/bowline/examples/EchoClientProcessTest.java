package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bowline-examples echo-client URL} as a conformance suite runs it: a separate JVM, its exit
 * status and its output. It exits 0 however an open connection ended (RFC 6455 section 7.1.7: a
 * protocol error is failed with 1002 and still ends normally) and 1, naming the URL and the cause,
 * when it never got a connection.
 */
class EchoClientProcessTest {

    private static final String STORE_PASSWORD = "bowline-test";

    /** A finished child JVM. */
    record Finished(int exitCode, String stdout, String stderr) {
    }

    /** Starts Main with {@code echo-client url}; {@code jvmOptions} go before the class name. */
    private static CompletableFuture<Finished> launch(URI url, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "echo-client", url.toString()));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        return process.onExit().thenApply(p -> new Finished(p.exitValue(), stdout.join(), stderr.join()));
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(could not read: " + e + ")";
            }
        });
    }

    private static Finished finish(CompletableFuture<Finished> run) throws Exception {
        return run.get(2, TimeUnit.MINUTES);
    }

    @Test
    void echoesUntilTheServerClosesThenPrintsTheCloseAndExits0() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            CompletableFuture<Finished> run = launch(server.url("/runCase?case=1&agent=bowline"));
            try (RawWebSocketServer.Peer peer = server.accept()) {
                assertTrue(peer.requestHead().startsWith("GET /runCase?case=1&agent=bowline HTTP/1.1\r\n"),
                        peer.requestHead());
                String offer = peer.requestHeader("Sec-WebSocket-Extensions");
                assertTrue(offer != null && offer.contains("permessage-deflate")
                        && offer.contains("client_max_window_bits"), "offer: " + offer);
                // Declining the offer leaves an uncompressed connection, which the client must accept.
                peer.switchProtocols();
                peer.sendFrame(true, 0, 0x1, "hello ✓".getBytes(StandardCharsets.UTF_8));
                RawWebSocket.Frame text = peer.readFrame();
                assertEquals(0x1, text.opcode());
                assertEquals("hello ✓", text.text());
                peer.sendFrame(false, 0, 0x2, new byte[] {1, 2});
                peer.sendFrame(true, 0, 0x0, new byte[] {3});
                RawWebSocket.Frame binary = peer.readFrame();
                assertEquals(0x2, binary.opcode());
                assertTrue(binary.fin());
                assertEquals(List.of((byte) 1, (byte) 2, (byte) 3),
                        List.of(binary.payload()[0], binary.payload()[1], binary.payload()[2]));

                peer.sendFrame(true, 0, 0x8, closePayload(1000, "bye"));
                RawWebSocket.Frame close = peer.readFrame();
                assertEquals(0x8, close.opcode());
                assertEquals(1000, EchoClientTest.closeCode(close));
            }
            Finished finished = finish(run);
            assertEquals(0, finished.exitCode(), finished.stderr());
            assertEquals("CLOSED 1000 bye", finished.stdout().strip(), finished.stderr());
        }
    }

    @Test
    void protocolViolationIsFailedWith1002AndStillExits0() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            CompletableFuture<Finished> run = launch(server.url("/"));
            try (RawWebSocketServer.Peer peer = server.accept()) {
                peer.switchProtocols();
                // Opcode 3 is reserved (RFC 6455 section 5.2): the client must fail the connection.
                peer.sendFrame(true, 0, 0x3, "hello".getBytes(StandardCharsets.UTF_8));
                RawWebSocket.Frame close = peer.readFrame();
                assertEquals(0x8, close.opcode());
                assertEquals(1002, EchoClientTest.closeCode(close));
                assertTrue(peer.readsEndOfStream(), "the client sent more after its close frame");
            }
            Finished finished = finish(run);
            assertEquals(0, finished.exitCode(), finished.stderr());
            assertTrue(finished.stdout().startsWith("CLOSED 1002"), finished.stdout() + finished.stderr());
        }
    }

    @Test
    void nothingListeningExits1WithTheUrlAndTheCause() throws Exception {
        URI url;
        try (RawWebSocketServer closed = new RawWebSocketServer()) {
            url = closed.url("/echo");
        }
        Finished finished = finish(launch(url));
        assertEquals(1, finished.exitCode(), finished.stderr());
        assertEquals("", finished.stdout());
        assertTrue(finished.stderr().startsWith("bowline-examples: echo-client cannot connect to " + url + ": "),
                finished.stderr());
        assertTrue(finished.stderr().contains("refused"), finished.stderr());
    }

    @Test
    void refusedHandshakeExits1WithTheUrlAndTheStatus() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            URI url = server.url("/missing");
            CompletableFuture<Finished> run = launch(url);
            try (RawWebSocketServer.Peer peer = server.accept()) {
                peer.sendHead("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                Finished finished = finish(run);
                assertEquals(1, finished.exitCode(), finished.stderr());
                assertTrue(finished.stderr().startsWith("bowline-examples: echo-client cannot connect to " + url + ": "),
                        finished.stderr());
                assertTrue(finished.stderr().contains("404"), finished.stderr());
            }
        }
    }

    @Test
    void wssUsesTheJvmDefaultTrustStore(@TempDir Path dir) throws Exception {
        Path store = selfSignedStore(dir);
        try (DrivingServer server = DrivingServer.startSecure(serverContext(store))) {
            CompletableFuture<Finished> run = launch(server.url(),
                    "-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD,
                    "-Djavax.net.ssl.trustStoreType=PKCS12");
            Session session = server.session();
            session.getBasicRemote().sendText("over TLS");
            assertEquals("over TLS", server.next());
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "tls done"));
            Finished finished = finish(run);
            assertEquals(0, finished.exitCode(), finished.stderr());
            assertEquals("CLOSED 1001 tls done", finished.stdout().strip(), finished.stderr());
        }
    }

    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /** A certificate for localhost made by keytool now, so nothing secret is committed. */
    private static Path selfSignedStore(Path dir) throws Exception {
        Path store = dir.resolve("localhost.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(store), "keytool: " + output);
        return store;
    }

    private static SSLContext serverContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
