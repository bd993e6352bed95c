package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

/**
 * {@code cluster-chat} as its README section runs it: Redis and two nodes, each its own process
 * started from the command line, a WebSocket client on each.
 */
class ClusterChatProcessTest {

    @Test
    void whatIsSaidOnOneNodeIsSeenOnTheOtherAndThePageIsServed() throws Exception {
        try (ChatNodes nodes = ChatNodes.start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(nodes.page(0)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(":" + nodes.chat(0).getPort() + "/chat"), "the page connects to its node's chat");
            assertEquals(404, http.send(HttpRequest.newBuilder(nodes.page(0).resolve("/other")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            BlockingQueue<String> onOne = new LinkedBlockingQueue<>();
            BlockingQueue<String> onTwo = new LinkedBlockingQueue<>();
            Session ada = connect(URI.create(nodes.chat(0) + "?name=ada"), onOne);
            awaitLine(onOne, "* ada joined");
            Session bob = connect(URI.create(nodes.chat(1) + "?name=bob"), onTwo);
            awaitLine(onTwo, "* bob joined");
            awaitLine(onOne, "* bob joined");

            ada.getBasicRemote().sendText("hello from node one");
            awaitLine(onTwo, "ada: hello from node one");
            bob.getBasicRemote().sendText("hello from node two");
            awaitLine(onOne, "bob: hello from node two");
            ada.close();
            bob.close();
        }
    }

    private static Session connect(URI uri, BlockingQueue<String> received) throws Exception {
        return ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    /** Waits for a line starting with {@code prefix}, skipping others (joins and leaves of the other node). */
    private static void awaitLine(BlockingQueue<String> received, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = received.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return;
                }
                seen.add(line);
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 30 s; got " + seen);
    }
}
