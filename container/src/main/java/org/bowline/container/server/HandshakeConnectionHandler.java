package org.bowline.container.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.handshake.HttpHeadParser;
import org.bowline.container.handshake.HttpParseException;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;

/**
 * Reads the HTTP upgrade request of a freshly accepted connection under one deadline for the
 * whole handshake (a client trickling a byte a second is cut off when it expires), then either
 * answers with an HTTP error and closes, or sends 101 and hands the connection to a session.
 *
 * <p>The head is read on the I/O thread; what is decided from it is not: the configurator's methods, the
 * endpoint's constructor and a plain HTTP handler are the application's code, and one that blocks (a
 * token checked against a remote service in {@code modifyHandshake}, say) must hold up only its own
 * connection. So a complete head goes to the session executor with reading suspended, and whatever the
 * client sent behind it waits for the session, which resumes reading.
 */
final class HandshakeConnectionHandler implements ConnectionHandler {

    private static final System.Logger LOG = System.getLogger(HandshakeConnectionHandler.class.getName());

    private final Connection connection;
    private final ServerHandshaker handshaker;
    private final HttpHeadParser parser;
    private final PlainHttpHandler plainHttp;
    private final HandshakeDeadlines deadlines;
    /** Where the decision runs: the session executor. */
    private final Executor decisions;
    private final HandshakeDeadlines.Deadline deadline = new HandshakeDeadlines.Deadline() {
        @Override
        protected void expire() {
            HandshakeConnectionHandler.this.expire();
        }
    };
    private final Runnable onEnd;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean done;

    HandshakeConnectionHandler(Connection connection, ServerHandshaker handshaker, Executor decisions,
                               int maxHeadBytes, HandshakeDeadlines deadlines, PlainHttpHandler plainHttp) {
        this(connection, handshaker, decisions, maxHeadBytes, deadlines, plainHttp, () -> { });
    }

    /**
     * {@code onEnd} runs once when the handshake is over, however it ended (upgrade, refusal, timeout, close).
     * The deadline is armed here, timed on the connection's timer.
     */
    HandshakeConnectionHandler(Connection connection, ServerHandshaker handshaker, Executor decisions,
                               int maxHeadBytes, HandshakeDeadlines deadlines, PlainHttpHandler plainHttp,
                               Runnable onEnd) {
        this.onEnd = onEnd;
        this.connection = connection;
        this.plainHttp = plainHttp;
        this.handshaker = handshaker;
        this.decisions = decisions;
        this.parser = HttpHeadParser.forRequest(maxHeadBytes);
        this.deadlines = deadlines;
        deadlines.arm(deadline, (task, nanos) -> connection.schedule(task, nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void onData(ByteBuffer data) {
        if (done) {
            return;
        }
        try {
            if (!parser.parse(data)) {
                return;
            }
        } catch (HttpParseException e) {
            reject(HandshakeRejection.of(e.status(), e.getMessage()));
            return;
        }
        done = true;
        deadlines.disarm(deadline);
        end();
        connection.suspendReading();
        // Frames a client pipelined right behind its request are the session's first input; the buffer they
        // are in is the I/O thread's, so they go on in a copy.
        ByteBuffer pipelined = data.hasRemaining() ? ByteBuffer.allocate(data.remaining()).put(data).flip() : null;
        try {
            decisions.execute(() -> decide(pipelined));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "Dropped the handshake from {0}: the server is stopping",
                    connection.remoteAddress());
            connection.abort();
        }
    }

    /** On the session executor: answers the request, or opens the session and lets it read on. */
    private void decide(ByteBuffer pipelined) {
        if (plainHttp != null && !parser.request().headers().hasToken("Upgrade", "websocket") && answerPlain()) {
            return;
        }
        UpgradeOutcome outcome = handshaker.negotiate(
                UpgradeRequest.anonymous(parser.request(), connection.isSecure(), connection.remoteAddress()));
        if (outcome instanceof UpgradeOutcome.Rejected rejected) {
            reject(rejected.rejection());
        } else if (outcome instanceof UpgradeOutcome.Accepted accepted) {
            connection.write(new ByteBuffer[] {accepted.encode101()}, null);
            accepted.open(connection).startSuspended(pipelined);
        }
    }

    /** @return whether the plain HTTP handler answered */
    private boolean answerPlain() {
        HttpRequestHead request = parser.request();
        PlainHttpResponse answer;
        try {
            answer = plainHttp.handle(request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Plain HTTP handler failed on " + request.method() + " "
                    + request.target(), e);
            answer = PlainHttpResponse.text(500, "text/plain", "Internal server error");
        }
        if (answer == null) {
            return false;
        }
        connection.write(new ByteBuffer[] {answer.encode(!request.method().equals("HEAD"))}, null);
        connection.close();
        return true;
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    private void reject(HandshakeRejection rejection) {
        done = true;
        deadlines.disarm(deadline);
        end();
        LOG.log(System.Logger.Level.DEBUG, "Refused handshake from {0}: {1} {2}", connection.remoteAddress(),
                rejection.status(), rejection.body());
        connection.write(new ByteBuffer[] {rejection.encode()}, null);
        connection.close();
    }

    private void expire() {
        if (done) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "Handshake from {0} did not complete in time", connection.remoteAddress());
        end();
        connection.abort();
    }

    @Override
    public void onClosed(IOException cause) {
        deadlines.disarm(deadline);
        end();
    }
}
