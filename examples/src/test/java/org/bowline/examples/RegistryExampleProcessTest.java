package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry scenario as a user runs it: its READY line, its handler's event lines, its descriptor errors. */
class RegistryExampleProcessTest {

    private static final String PATH = "/websockets/v4/service/";

    @Test
    void myEndpointEchoesAndItsHandlerPrintsEachEvent() throws Exception {
        try (RegistryProcess registry = new RegistryProcess("--port", "0")) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", registry.port);
            try (RawWebSocket ws = RawWebSocket.connect(address)) {
                String head = ws.exchangeHead(RawWebSocket.upgradeRequest(address, PATH + "my-endpoint", RawWebSocket.newKey()));
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                assertEquals("onopen", registry.nextLine(10));
                ws.sendFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8));
                assertEquals("onmessage hello", registry.nextLine(10));
                assertEquals("Echo: hello", ws.readFrame().text());
                ws.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
                assertEquals(0x8, ws.readFrame().opcode());
            }
            assertEquals("onclose", registry.nextLine(10));
        }
    }

    @Test
    void descriptorProblemsGoToStandardErrorNamingTheFileAndTheOthersAreServed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.websocket"), "{\"handler\": \"my-project/ws-handler\",");
        Files.writeString(dir.resolve("unknown.websocket"), "{\"handler\": \"nobody/none\", \"endpoint\": \"orphan\"}");
        Files.writeString(dir.resolve("no-endpoint.websocket"), "{\"handler\": \"my-project/ws-handler\"}");
        Files.writeString(dir.resolve("same.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"my-endpoint\"}");
        Files.writeString(dir.resolve("second.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"second\"}");
        try (RegistryProcess registry = new RegistryProcess("--port", "0", "--descriptors", dir.toString())) {
            List<String> stderr = registry.stderr();
            for (String file : List.of("broken.websocket: malformed JSON", "unknown.websocket: unknown handler 'nobody/none'",
                    "no-endpoint.websocket: missing field 'endpoint'", "my-endpoint.websocket: duplicate endpoint 'my-endpoint'")) {
                assertTrue(stderr.stream().anyMatch(line -> line.contains(file)), file + " in " + stderr);
            }
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", registry.port);
            try (RawWebSocket ws = RawWebSocket.connect(address)) {
                String head = ws.exchangeHead(RawWebSocket.upgradeRequest(address, PATH + "second", RawWebSocket.newKey()));
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                ws.sendFrame(0x1, "to second".getBytes(StandardCharsets.UTF_8));
                assertEquals("Echo: to second", ws.readFrame().text());
            }
        }
    }
}
