package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * A peer the tests do not write themselves: the JDK's own WebSocket client (java.net.http), whose
 * events the test takes in order from {@link #next()}. It answers pings itself, as browsers do.
 */
public final class JdkClient implements AutoCloseable {

    public static final long WAIT_SECONDS = 10;

    public record Text(String text) {
    }

    public record Binary(byte[] data) {
    }

    public record Ping(String data) {
    }

    public record Pong(String data) {
    }

    public record Closed(int code, String reason) {
    }

    public final WebSocket socket;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private JdkClient(URI url, List<String> subprotocols, SSLContext ssl, String... headers) throws Exception {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (ssl != null) {
            http.sslContext(ssl);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        socket = builder.buildAsync(url, new Recorder()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public static JdkClient connect(URI url, String... headers) throws Exception {
        return new JdkClient(url, List.of(), null, headers);
    }

    public static JdkClient connectSecure(URI url, SSLContext ssl) throws Exception {
        return new JdkClient(url, List.of(), ssl);
    }

    public static JdkClient connect(URI url, List<String> subprotocols, String... headers) throws Exception {
        return new JdkClient(url, subprotocols, null, headers);
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(new Text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                events.add(new Binary(binary.toByteArray()));
                binary = new java.io.ByteArrayOutputStream();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            events.add(new Ping(StandardCharsets.UTF_8.decode(message).toString()));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            events.add(new Pong(StandardCharsets.UTF_8.decode(message).toString()));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Closed(1006, String.valueOf(error)));
        }
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void sendPing(String data) throws Exception {
        socket.sendPing(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void sendPong(String data) throws Exception {
        socket.sendPong(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void sendClose(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public Object next() throws InterruptedException {
        Object event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "the client received nothing in time");
        return event;
    }

    public String nextText() throws InterruptedException {
        Object event = next();
        assertTrue(event instanceof Text, "expected a text message, got " + event);
        return ((Text) event).text();
    }

    public byte[] nextBinary() throws InterruptedException {
        Object event = next();
        assertTrue(event instanceof Binary, "expected a binary message, got " + event);
        return ((Binary) event).data();
    }

    public Closed nextClose() throws InterruptedException {
        Object event = next();
        assertTrue(event instanceof Closed, "expected the close, got " + event);
        return (Closed) event;
    }

    /** The connection is open and served: a text comes back as the echo service answers it. */
    public void assertEchoes(String text) throws Exception {
        sendText(text);
        assertEquals("Echo: " + text, nextText());
    }

    @Override
    public void close() {
        socket.abort();
    }
}
