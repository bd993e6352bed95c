package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.bowline.container.io.TestTls;
import org.bowline.container.io.TlsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server speaks TLS 1.3 and 1.2 only unless told otherwise. */
class TlsProtocolsTest {

    private static TestTls tls;
    private static BowlineServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tls = TestTls.create(dir);
        server = BowlineServer.builder().port(0).ssl(tls.server).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String negotiate(BowlineServer target, String... offered) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.client.getSocketFactory().createSocket("localhost", target.port())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(offered);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    @Test
    void theServerEnablesOnlyTls13And12ByDefault() throws Exception {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), server.tlsProtocols());
        assertEquals("TLSv1.3", negotiate(server, "TLSv1.3", "TLSv1.2"));
        assertEquals("TLSv1.2", negotiate(server, "TLSv1.2"));
    }

    @Test
    void protocolsAreConfigurableAndEnforced() throws Exception {
        try (BowlineServer only13 = BowlineServer.builder().port(0).ssl(tls.server)
                .tls(TlsSettings.defaults().withProtocols("TLSv1.3")).build().start()) {
            assertEquals(List.of("TLSv1.3"), only13.tlsProtocols());
            assertEquals("TLSv1.3", negotiate(only13, "TLSv1.3"));
            assertThrows(IOException.class, () -> negotiate(only13, "TLSv1.2"));
        }
    }

    @Test
    void anUnknownProtocolOrSuiteIsRefusedWhenTheServerIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BowlineServer.builder()
                .ssl(tls.server).tls(TlsSettings.defaults().withProtocols("TLSv1.9")).build());
        assertTrue(e.getMessage().contains("TLSv1.9") && e.getMessage().contains("not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BowlineServer.builder()
                .ssl(tls.server).tls(TlsSettings.defaults().withCipherSuites("TLS_NO_SUCH_SUITE")).build());
        assertTrue(e.getMessage().contains("TLS_NO_SUCH_SUITE"), e.getMessage());
    }

    /**
     * This JDK's java.security disables TLS 1.0 and 1.1 for every engine in the JVM, so in this JVM a 1.1
     * client is refused whatever Bowline does. A child JVM with them re-enabled shows that Bowline's own
     * default refuses them, and (the control) that the probe does speak TLS 1.1 to a server that allows it.
     */
    @Test
    void aClientOfferingOnlyTls11Or10IsRefusedEvenWhenTheJdkAllowsThem(@TempDir Path dir) throws Exception {
        Path security = dir.resolve("legacy-tls.security");
        Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024,"
                + " EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n");
        List<String> results = probe(security, "TLSv1.1/TLSv1.1,TLSv1.2", "TLSv1.1", "TLSv1");
        assertEquals("NEGOTIATED TLSv1.1", results.get(0), "the probe must be able to speak TLS 1.1 at all");
        assertTrue(results.get(1).startsWith("REFUSED") && results.get(1).contains("SSLHandshakeException"),
                results.get(1));
        assertTrue(results.get(2).startsWith("REFUSED") && results.get(2).contains("SSLHandshakeException"),
                results.get(2));
    }

    private static List<String> probe(Path security, String... cases) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security,
                "-cp", System.getProperty("java.class.path"), LegacyTlsProbe.class.getName()));
        command.addAll(List.of(cases));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish: " + output);
        assertEquals(0, p.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("NEGOTIATED") || l.startsWith("REFUSED")).toList();
        assertEquals(cases.length, lines.size(), "one result per case expected: " + output);
        return lines;
    }
}
