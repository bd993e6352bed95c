package org.bowline.examples.service;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.Service;
import org.bowline.adapter.service.WebSocketError;
import org.bowline.examples.Options;
import org.bowline.examples.UsageException;

/**
 * {@code proxy --backend URL}: each client of /ws gets its own connection to the backend (made with
 * Bowline's Jakarta client, found through {@link ContainerProvider}); every message is relayed in
 * both directions, and when either side closes, the other is closed with the same code.
 */
public final class ProxyScenario extends ServerScenario {

    private static final System.Logger LOG = System.getLogger(ProxyScenario.class.getName());

    /** 1014: "the server was acting as a gateway and received an invalid response" (RFC 6455 registry). */
    static final int BAD_GATEWAY = 1014;

    private WebSocketContainer client;

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "proxy --backend URL [--host HOST] [--port PORT]",
                "                     relays every message between each client of ws://HOST:PORT/ws and its own",
                "                     connection to the backend URL (ws:// or wss://), in both directions; closes",
                "                     each side when the other closes (1014 when the backend cannot be reached)");
    }

    @Override
    protected Set<String> extraOptions() {
        return Set.of("--backend");
    }

    @Override
    protected void attach(Listener listener, Options options) throws UsageException {
        URI backend = backend(options.value("--backend"));
        client = ContainerProvider.getWebSocketContainer();
        listener.attach("/ws", request -> new Relay(backend));
    }

    private static URI backend(String text) throws UsageException {
        if (text == null) {
            throw new UsageException("proxy needs --backend URL, e.g. --backend ws://127.0.0.1:9000/ws");
        }
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("ws") && !scheme.equals("wss")) || url.getHost() == null) {
                throw new UsageException("proxy: --backend must be a ws:// or wss:// URL with a host, was '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new UsageException("proxy: --backend is not a valid URL: " + e.getMessage());
        }
    }

    /** 1005 and 1006 cannot be sent: say "normal" or "going away" instead. */
    static int sendable(int code) {
        if (code == 1005) {
            return 1000;
        }
        return org.bowline.container.frame.CloseCodes.isValidOnWire(code) ? code : 1001;
    }

    /** One client's relay: its caller on this side, its session with the backend on the other. */
    private final class Relay implements Service {
        private final URI backend;
        private volatile Session upstream;

        Relay(URI backend) {
            this.backend = backend;
        }

        @Override
        public void onOpen(Caller caller) {
            try {
                upstream = client.connectToServer(new Backward(caller), ClientEndpointConfig.Builder.create().build(),
                        backend);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "proxy: cannot reach the backend {0}: {1}", backend, e.toString());
                caller.close(BAD_GATEWAY, "Backend unreachable");
            }
        }

        @Override
        public Object onTextMessage(Caller caller, String text) {
            send(caller, session -> session.getBasicRemote().sendText(text));
            return null;
        }

        @Override
        public Object onBinaryMessage(Caller caller, byte[] data) {
            send(caller, session -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(data)));
            return null;
        }

        private void send(Caller caller, Send send) {
            Session session = upstream;
            if (session == null || !session.isOpen()) {
                return; // the backend side is closing; its onClose closes this side
            }
            try {
                send.to(session);
            } catch (IOException | IllegalStateException e) {
                LOG.log(System.Logger.Level.DEBUG, "proxy: relaying to the backend failed: {0}", e.toString());
            }
        }

        @Override
        public void onClose(Caller caller, int statusCode, String reason) {
            Session session = upstream;
            if (session != null && session.isOpen()) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(sendable(statusCode)), reason));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.DEBUG, "proxy: closing the backend failed: {0}", e.toString());
                }
            }
        }
    }

    @FunctionalInterface
    private interface Send {
        void to(Session session) throws IOException;
    }

    /** The backend side of a relay: what the backend sends goes to the client. */
    private static final class Backward extends Endpoint {
        private final Caller caller;

        Backward(Caller caller) {
            this.caller = caller;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> relay(() ->
                    caller.writeTextMessage(text)));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                relay(() -> caller.writeBinaryMessage(bytes));
            });
        }

        private void relay(Runnable write) {
            try {
                write.run();
            } catch (WebSocketError e) {
                // The client is gone; its onClose closes the backend side.
            }
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            if (caller.isOpen()) {
                String reason = closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase();
                caller.close(sendable(closeReason.getCloseCode().getCode()), reason);
            }
        }
    }
}
