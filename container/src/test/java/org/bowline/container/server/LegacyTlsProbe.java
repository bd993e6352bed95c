package org.bowline.container.server;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.bowline.container.io.TestTls;
import org.bowline.container.io.TlsSettings;

/**
 * Run in a JVM whose java.security allows TLS 1.0/1.1 (see {@link TlsProtocolsTest}). Each argument is one
 * case, {@code OFFERED} or {@code OFFERED/ALLOWED}: a wss server with Bowline's default TLS settings (or
 * allowing the comma-separated ALLOWED protocols) and a client that offers only OFFERED. Prints one line
 * per case, {@code NEGOTIATED <protocol>} or {@code REFUSED <exception>}.
 */
public final class LegacyTlsProbe {

    private LegacyTlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bowline-tls-probe");
        try {
            TestTls tls = TestTls.create(dir);
            for (String arg : args) {
                String[] parts = arg.split("/");
                BowlineServer.Builder builder = BowlineServer.builder().port(0).ssl(tls.server);
                if (parts.length > 1) {
                    builder.tls(TlsSettings.defaults().withProtocols(parts[1].split(",")));
                }
                try (BowlineServer server = builder.build().start()) {
                    System.out.println(handshake(tls, server, parts[0]));
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static String handshake(TestTls tls, BowlineServer server, String offered) {
        try (SSLSocket socket = (SSLSocket) tls.client.getSocketFactory().createSocket("localhost", server.port())) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {offered});
            socket.startHandshake();
            return "NEGOTIATED " + socket.getSession().getProtocol();
        } catch (Exception e) {
            return "REFUSED " + e;
        }
    }
}
