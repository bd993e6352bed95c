package org.bowline.container.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import org.bowline.container.handshake.HttpHeadParser;
import org.bowline.container.handshake.HttpParseException;
import org.bowline.container.handshake.HttpResponseHead;
import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;

/**
 * Sends one HTTP request head and reads the response head, on the I/O thread. When the head is
 * complete, reading is suspended and the bytes behind it are copied, so that whoever takes the
 * connection over next (on another thread) loses nothing that arrived in between.
 */
final class HeadExchange implements ConnectionHandler {

    /** A complete response head and the bytes that followed it in the same read. */
    record Result(HttpResponseHead head, ByteBuffer leftover) {
    }

    private final Connection connection;
    private final HttpHeadParser parser;
    private final String peer;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    /** @param peer names the other side in failure messages ("server localhost:80", "proxy p:3128") */
    HeadExchange(Connection connection, int maxHeadBytes, String peer) {
        this.connection = connection;
        this.parser = HttpHeadParser.forResponse(maxHeadBytes);
        this.peer = peer;
    }

    /** Takes the connection's input and writes the request; the future completes on an I/O thread. */
    CompletableFuture<Result> start(ByteBuffer request) {
        connection.setHandler(this);
        connection.write(new ByteBuffer[] {request}, null);
        return result;
    }

    @Override
    public void onData(ByteBuffer data) {
        if (result.isDone()) {
            return;
        }
        try {
            if (!parser.parse(data)) {
                return;
            }
        } catch (HttpParseException e) {
            result.completeExceptionally(new IOException("Malformed HTTP response from " + peer + ": "
                    + e.getMessage(), e));
            connection.abort();
            return;
        }
        connection.suspendReading();
        ByteBuffer leftover = ByteBuffer.allocate(data.remaining());
        leftover.put(data).flip();
        result.complete(new Result(parser.response(), leftover));
    }

    @Override
    public void onClosed(IOException cause) {
        if (result.isDone()) {
            return;
        }
        String why;
        if (cause == null) {
            why = "Connection closed by " + peer + " before its HTTP response was complete";
        } else if (cause instanceof javax.net.ssl.SSLException) {
            why = "TLS handshake with " + peer + " failed: " + cause.getMessage() + TlsFailureHint.of(cause);
        } else {
            why = "Connection to " + peer + " failed before its HTTP response was complete: " + cause.getMessage();
        }
        IOException failure = cause instanceof javax.net.ssl.SSLException
                ? new javax.net.ssl.SSLHandshakeException(why) : new IOException(why);
        if (cause != null) {
            failure.initCause(cause);
        }
        result.completeExceptionally(failure);
    }
}
