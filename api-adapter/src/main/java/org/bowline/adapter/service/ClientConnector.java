package org.bowline.adapter.service;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.handshake.HandshakeFailedException;

/**
 * Connects one {@link ClientEndpoint} to one URL with Bowline's Jakarta client container, as the
 * {@link ClientConfiguration} says, and turns every way that can fail into one of the model's
 * errors, each naming the URL.
 */
final class ClientConnector {

    /**
     * One container per maximum frame size (most programs use one): its sessions start with that limit,
     * so a frame over it is refused when its header arrives, from the first frame on. Each container
     * has one selector thread and one callback pool, all daemons, for as long as the program runs.
     */
    private static final Map<Integer, BowlineClientContainer> CONTAINERS = new ConcurrentHashMap<>();

    private static final Extension DEFLATE = new Extension() {
        @Override
        public String getName() {
            return "permessage-deflate";
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    };

    /** An open connection: its caller and the headers of the server's 101. */
    record Connected(ClientCaller caller, Map<String, List<String>> responseHeaders) {
    }

    private ClientConnector() {
    }

    /** Checks that {@code url} is a ws or wss URL with a host. */
    static URI parse(String url) {
        if (url == null) {
            throw new IllegalArgumentException("The URL must not be null");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + url + " (" + e.getMessage() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("Not a ws:// or wss:// URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The URL has no host: " + url);
        }
        return uri;
    }

    static Connected connect(String url, ClientConfiguration config, ClientEndpoint endpoint) {
        URI uri = parse(url);
        Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(config.subProtocols())
                .extensions(config.compression() ? List.of(DEFLATE) : List.of())
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        config.headers().forEach((name, values) ->
                                headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
                        if (!config.cookies().isEmpty()) {
                            StringJoiner cookie = new StringJoiner("; ");
                            config.cookies().forEach((name, value) -> cookie.add(name + "=" + value));
                            headers.computeIfAbsent("Cookie", n -> new ArrayList<>()).add(cookie.toString());
                        }
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        response.getHeaders().forEach((name, values) -> responseHeaders.put(name, List.copyOf(values)));
                    }
                });
        if (uri.getScheme().equalsIgnoreCase("wss") && config.secureSocket() != null) {
            builder.sslContext(config.secureSocket().context(url));
        }
        ClientEndpointConfig endpointConfig = builder.build();
        long handshakeMillis = config.handshakeTimeout().toMillis();
        endpointConfig.getUserProperties().put(BowlineClientContainer.CONNECT_TIMEOUT, handshakeMillis);
        endpointConfig.getUserProperties().put(BowlineClientContainer.HANDSHAKE_TIMEOUT, handshakeMillis);
        try {
            container(config.maxFrameSize()).connectToServer(endpoint, endpointConfig, uri);
            ClientCaller caller = endpoint.opened().get(handshakeMillis, TimeUnit.MILLISECONDS);
            return new Connected(caller, java.util.Collections.unmodifiableMap(responseHeaders));
        } catch (DeploymentException e) {
            throw translate(url, config, e.getCause() != null ? e.getCause() : e);
        } catch (IOException e) {
            throw translate(url, config, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectError(url, "the connection did not open: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectError(url, "interrupted while connecting", e);
        }
    }

    private static BowlineClientContainer container(int maxFrameSize) {
        return CONTAINERS.computeIfAbsent(maxFrameSize, size -> {
            BowlineClientContainer container = new BowlineClientContainer();
            container.setDefaultMaxTextMessageBufferSize(size);
            container.setDefaultMaxBinaryMessageBufferSize(size);
            return container;
        });
    }

    private static WebSocketError translate(String url, ClientConfiguration config, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return new SslError(url, ssl.getMessage(), failure);
            }
        }
        if (failure instanceof HandshakeFailedException refused) {
            return new HandshakeError(url, refused.status(), refused.getMessage(), failure);
        }
        if (failure instanceof SocketTimeoutException) {
            return new HandshakeTimedOutError(url, config.handshakeTimeout(), failure);
        }
        if (failure instanceof UnknownHostException) {
            return new ConnectError(url, "unknown host " + URI.create(url).getHost(), failure);
        }
        if (failure instanceof DeploymentException) {
            return new HandshakeError(url, 0, failure.getMessage(), failure);
        }
        return new ConnectError(url, String.valueOf(failure.getMessage()), failure);
    }
}
