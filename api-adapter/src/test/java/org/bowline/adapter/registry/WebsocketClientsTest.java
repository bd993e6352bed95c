package org.bowline.adapter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** createWebsocket and the client registry (getClients, getClient, getClientByHandler), over real sockets. */
class WebsocketClientsTest {

    private final Recorder serverSide = new Recorder();
    private final Recorder clientSide = new Recorder(false);
    private final Recorder otherClientSide = new Recorder(false);
    private RegistryServer server;
    private WebsocketClients clients;
    private String url;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("echo.websocket"), "{\"handler\": \"server/echo\", \"endpoint\": \"echo\"}");
        server = RegistryServer.start("127.0.0.1", 0, new HandlerRegistry().register("server/echo", serverSide),
                DescriptorScan.of(dir, null));
        url = server.url("echo").toString();
        clients = new WebsocketClients(new HandlerRegistry()
                .register("my-project/client", clientSide)
                .register("my-project/other", otherClientSide));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void theHandlerGetsTheClientsEventsAndTheClientSends() throws Exception {
        WebsocketClient client = clients.createWebsocket(url, "my-project/client");
        assertEquals("onopen", clientSide.next());
        assertEquals("onopen", serverSide.next());
        client.send("ping me");
        assertEquals("onmessage ping me", serverSide.next());
        assertEquals("onmessage Echo: ping me", clientSide.next());
        client.close();
        assertEquals("onclose", clientSide.next());
    }

    @Test
    void getClientsListsTheOpenClientsAndAClosedOneLeavesIt() throws Exception {
        assertEquals(List.of(), clients.getClients());
        assertNull(clients.getClient("no-such-id"));
        assertNull(clients.getClientByHandler("my-project/client"));

        WebsocketClient first = clients.createWebsocket(url, "my-project/client");
        WebsocketClient second = clients.createWebsocket(url, "my-project/other", "java");
        assertNotEquals(first.getId(), second.getId());
        assertEquals(URI.create(url), first.getUri());
        assertEquals("my-project/client", first.getHandler());
        assertEquals("my-project/other", second.getHandler());
        assertEquals(List.of(first, second), clients.getClients());
        assertSame(second, clients.getClient(second.getId()));
        assertSame(first, clients.getClientByHandler("my-project/client"));
        assertSame(second, clients.getClientByHandler("my-project/other"));

        first.close();
        assertEquals("onopen", clientSide.next());
        assertEquals("onclose", clientSide.next());
        assertEquals(List.of(second), clients.getClients());
        assertNull(clients.getClient(first.getId()));
        assertNull(clients.getClientByHandler("my-project/client"));
        assertThrows(IOException.class, () -> first.send("after close"));
    }

    @Test
    void aClientTheServerClosesLeavesTheList() throws Exception {
        WebsocketClient client = clients.createWebsocket(url, "my-project/client");
        assertEquals("onopen", clientSide.next());
        client.send("bye"); // the server's handler closes on "bye"
        assertEquals("onclose", clientSide.next());
        assertEquals(List.of(), clients.getClients());
    }

    @Test
    void anUnknownHandlerOrEngineIsAClearExceptionNamingIt() {
        UnknownHandlerException handler = assertThrows(UnknownHandlerException.class,
                () -> clients.createWebsocket(url, "nobody/none"));
        assertTrue(handler.getMessage().contains("'nobody/none'"), handler.getMessage());
        UnknownEngineException engine = assertThrows(UnknownEngineException.class,
                () -> clients.createWebsocket(url, "my-project/client", "javascript"));
        assertTrue(engine.getMessage().contains("'javascript'"), engine.getMessage());
        assertEquals(List.of(), clients.getClients());
    }

    @Test
    void anEngineRunsTheHandlerForEveryEvent() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        WebsocketClients withEngine = new WebsocketClients(new HandlerRegistry()
                .register("my-project/client", clientSide)
                .registerEngine("counting", (handler, context) -> {
                    runs.incrementAndGet();
                    handler.handle(context);
                }));
        try {
            WebsocketClient client = withEngine.createWebsocket(url, "my-project/client", "counting");
            assertEquals("onopen", clientSide.next());
            client.close();
            assertEquals("onclose", clientSide.next());
            assertEquals(2, runs.get());
        } finally {
            withEngine.close();
        }
    }

    @Test
    void aConnectionThatCannotBeMadeIsAnIOExceptionNamingTheUri() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String nowhere = "ws://127.0.0.1:" + port + "/websockets/v4/service/echo";
        IOException e = assertThrows(IOException.class, () -> clients.createWebsocket(nowhere, "my-project/client"));
        assertTrue(e.getMessage().contains(nowhere), e.getMessage());
        assertEquals(List.of(), clients.getClients());
    }
}
