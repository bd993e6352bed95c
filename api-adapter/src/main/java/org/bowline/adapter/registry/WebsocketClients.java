package org.bowline.adapter.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.bowline.container.client.BowlineClientContainer;

/**
 * The handler-registry model's clients: {@code createWebsocket(uri, handler)} connects with
 * Bowline's client container and sends the connection's events to the named handler;
 * {@link #getClients()} lists those still open.
 *
 * <pre>{@code
 * WebsocketClients clients = new WebsocketClients(HandlerRegistry.discover());
 * WebsocketClient client = clients.createWebsocket("ws://localhost:8080/websockets/v4/service/my-endpoint",
 *         "my-project/ws-handler");
 * client.send("hello");
 * }</pre>
 */
public final class WebsocketClients implements AutoCloseable {

    private final HandlerRegistry registry;
    private final BowlineClientContainer container = new BowlineClientContainer();
    /** The open clients, in the order they opened. */
    private final Map<String, WebsocketClient> open = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    public WebsocketClients(HandlerRegistry registry) {
        this.registry = registry;
    }

    /** {@link #createWebsocket(String, String, String)} with the {@value HandlerRegistry#JAVA_ENGINE} engine. */
    public WebsocketClient createWebsocket(String uri, String handler) throws IOException {
        return createWebsocket(uri, handler, HandlerRegistry.JAVA_ENGINE);
    }

    /**
     * Connects to {@code uri} (ws or wss); the handler named {@code handler}, run by
     * {@code engine}, gets the connection's {@code onopen}, {@code onmessage}, {@code onerror} and
     * {@code onclose}.
     *
     * @throws UnknownHandlerException naming the handler, when none has that name
     * @throws UnknownEngineException  naming the engine, when none has that name
     * @throws IOException             naming the URI, when the connection cannot be opened
     */
    public WebsocketClient createWebsocket(String uri, String handler, String engine) throws IOException {
        WebsocketHandler target = registry.handler(handler);
        HandlerEngine runner = registry.engine(engine);
        URI address;
        try {
            address = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("Not a valid WebSocket URI: " + uri, e);
        }
        String id = UUID.randomUUID().toString();
        WebsocketClient client = new WebsocketClient(id, address, handler);
        HandlerEndpoint endpoint = new HandlerEndpoint(handler, target, runner, "client " + id + " to " + uri) {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                client.attach(session);
                super.onOpen(session, config);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                leave(client);
                super.onClose(session, reason);
            }
        };
        Session session;
        try {
            session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), address);
        } catch (DeploymentException e) {
            throw new IOException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        client.attach(session);
        synchronized (open) {
            if (!client.hasLeft()) {
                open.put(id, client);
            }
        }
        return client;
    }

    private void leave(WebsocketClient client) {
        synchronized (open) {
            client.leave();
            open.remove(client.getId());
        }
    }

    /** The open clients, oldest first. */
    public List<WebsocketClient> getClients() {
        synchronized (open) {
            return List.copyOf(open.values());
        }
    }

    /** The open client with this id, or null. */
    public WebsocketClient getClient(String id) {
        return id == null ? null : open.get(id);
    }

    /** The oldest open client of the named handler, or null. */
    public WebsocketClient getClientByHandler(String handler) {
        synchronized (open) {
            return open.values().stream().filter(c -> c.getHandler().equals(handler)).findFirst().orElse(null);
        }
    }

    /** Closes every client and the client container's threads. */
    @Override
    public void close() {
        for (WebsocketClient client : getClients()) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        container.close();
    }
}
