package org.bowline.tck.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.bowline.tck.fixtures.RawEchoUpgradeServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Servlet 6 upgrade (HttpServletRequest.upgrade) of a body-less GET, as every WebSocket handshake is:
 * the HttpUpgradeHandler must read what the client sends after the 101. Jetty 12.1.14 alone delivers
 * end-of-input instead; {@link org.bowline.servlet.jetty.JettyUpgradedInput}, which {@link EmbeddedJetty}
 * puts in front of every WAR, makes it deliver the bytes.
 */
class JettyUpgradedInputTest {

    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static EmbeddedJetty.WarSource war() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "raw.war")
                .addClasses(RawEchoUpgradeServlet.class, RawEchoUpgradeServlet.Echo.class);
        return file -> war.as(ZipExporter.class).exportTo(file.toFile(), true);
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < CRLF2.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == CRLF2[matched] ? matched + 1 : (b == CRLF2[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void upgradedGetReceivesTheBytesSentAfterThe101() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(new JettySettings("127.0.0.1", 0, null, null))) {
            jetty.deploy("/raw", war());
            try (Socket socket = new Socket(jetty.host(), jetty.port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("GET /raw/raw-echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: raw-echo\r\n"
                        + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                for (String word : new String[] {"hello", "again"}) {
                    out.write(word.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertEquals(word, new String(in.readNBytes(word.length()), StandardCharsets.US_ASCII));
                }
            }
        }
    }

    /** Bytes a client pipelines right behind its request head are not lost to the switch. */
    @Test
    void bytesSentWithTheRequestHeadReachTheUpgradeHandler() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(new JettySettings("127.0.0.1", 0, null, null))) {
            jetty.deploy("/raw", war());
            try (Socket socket = new Socket(jetty.host(), jetty.port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("GET /raw/raw-echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: raw-echo\r\n"
                        + "Connection: Upgrade\r\n\r\nearly").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertEquals("early", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
                out.write("later".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("later", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void requestBodiesOfOrdinaryRequestsAreUntouched() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(new JettySettings("127.0.0.1", 0, null, null))) {
            jetty.deploy("/raw", war());
            try (Socket socket = new Socket(jetty.host(), jetty.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST /raw/raw-echo HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: 7\r\nConnection: close\r\n\r\n1234567").getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.endsWith("body 7"), response);
            }
        }
    }
}
