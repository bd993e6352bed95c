package org.bowline.container.session;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.bowline.container.frame.CloseCodes;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;

/**
 * One WebSocket conversation: the Jakarta {@link Session}, and the glue between the transport,
 * the frame engine and the endpoint.
 *
 * <p>Inbound bytes arrive on an I/O thread and are parsed there; messages and lifecycle
 * callbacks are handed to a {@link SerialExecutor}, so the endpoint sees them one at a time, in
 * order, and never on an I/O thread. A message goes either assembled whole or, for partial and
 * stream handlers, part by part through a {@link MessagePipe} while it arrives; in that case the
 * delivering executor thread waits for the peer's next frame (as a blocking Reader must), so a
 * fragmented message in progress holds one executor thread of its session. Where the lifecycle
 * stands is {@link SessionState}'s alone: reads, sends, timeouts, failures and {@code isOpen()}
 * ask it. What this class keeps is the glue: the pipeline ({@link SessionPipeline}), ping answers
 * ({@link PingResponder}), the inbound backlog ({@link InboundBacklog}) and the idle timeout
 * ({@link IdleTimer}) are each a class of their own. No application code runs under {@code lock}.
 */
public final class WsSession implements BowlineSession, ConnectionHandler, InboundListener {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    /** The id as a number; its text (getId) is made when first asked, as most sessions are never asked. */
    private final long id = IDS.incrementAndGet();
    private volatile String idText;
    private final SessionSetup setup;
    private final SerialExecutor executor;
    private final FrameParser parser;
    private final InboundAssembler assembler;
    private final Outbound outbound;
    /** Made on first use, like the user properties: an idle or receive-only session never needs them. */
    private volatile BasicRemote basic;
    private volatile AsyncRemote async;
    private final MessageHandlers handlers;
    /** Made with the first message, on the reading thread (see {@link #dispatcher()}). */
    private MessageDispatcher dispatcher;
    private volatile Map<String, Object> userProperties;
    /** Whether a dropped message was warned about; read and written on the session's executor only. */
    private boolean unhandledWarned;

    /** Where the session's lifecycle stands; every path asks it. */
    private final SessionState state = new SessionState();
    /**
     * The callbacks the session's parts make into it, in one object instead of one lambda each. It is also
     * the session's lock (one object fewer per session): held across a state transition and the frame it
     * sends (our close, a pong that must not follow it), so frames leave in the order the transitions
     * happened. Taken before the state's own monitor. None of the parts it is handed to lock it.
     */
    private final Hooks lock = new Hooks();
    private ScheduledFuture<?> closeTimer;
    private final ReadInterest reading;
    /**
     * Until the session has opened (then null): input that came before onOpen returned waits there. Volatile:
     * a reading thread that finds it null parses at once, so it must also see what onOpen did (the handlers
     * it registered, the limits it set).
     */
    private volatile OpeningInput opening;
    private final InboundBacklog backlog;
    /** The message being streamed to the endpoint, until its last part arrives. */
    private volatile MessagePipe streaming;

    private final IdleTimer idle;
    private final InboundLimits limits;
    private volatile long closeTimeoutMillis;
    /** Made with the first ping, on the reading thread: most sessions never see one. */
    private PingResponder pings;
    /** Made with the first automatic pong, under {@code lock}, and used only under it. */
    private PongQueue pongs;

    public WsSession(SessionSetup setup) {
        this.setup = setup;
        Connection connection = setup.connection();
        Endpoint endpoint = setup.endpoint();
        SessionLimits configured = setup.limits();
        this.limits = new InboundLimits(configured);
        this.closeTimeoutMillis = configured.closeTimeoutMillis();
        this.idle = new IdleTimer(connection, state, configured.idleTimeoutMillis(), endpoint instanceof IdleReceiver,
                lock);
        this.handlers = new MessageHandlers(new SessionCodecs(setup.config()));
        SessionPipeline pipeline = new SessionPipeline(setup, this, this.limits);
        this.executor = new SerialExecutor(setup.executor(), pipeline.sender);
        this.assembler = pipeline.assembler;
        this.parser = pipeline.parser;
        this.reading = new ReadInterest(connection);
        this.opening = new OpeningInput(reading, this::parseIfOpen);
        this.backlog = new InboundBacklog(reading, connection.budget(), configured.maxInboundPendingBytes());
        this.outbound = new Outbound(this, state, connection, pipeline.sender, setup.executor(),
                configured.maxOutboundQueuedBytes(), configured.sendTimeoutMillis(), lock);
        // The session starts from the handshake's user properties (copied now, as they are now); when
        // there are none, its own map waits until someone asks for it.
        EndpointConfig config = setup.config();
        Map<String, Object> handshakeProperties = config == null ? null
                : config instanceof SessionSetup.OwnUserProperties own ? own.userPropertiesIfAny()
                : config.getUserProperties();
        if (handshakeProperties != null && !handshakeProperties.isEmpty()) {
            userProperties = new ConcurrentHashMap<>(handshakeProperties);
        }
    }

    /**
     * Takes over the connection and opens the session: the endpoint's onOpen is the first
     * callback it sees. Bytes that arrived right behind the handshake go in {@code leftover}.
     */
    public void start(ByteBuffer leftover) {
        setup.openSessions().add(this);
        OpeningInput o = opening;
        if (leftover != null && leftover.hasRemaining()) {
            o.keep(leftover);
        }
        executor.execute(() -> {
            try {
                endpoint().onOpen(this, setup.config());
            } catch (Throwable t) {
                deliverError(t);
            }
            opened(o);
        });
        idle.schedule();
        connection().setHandler(this);
        opened(o);
    }

    /**
     * {@link #start}s the session on a connection whose reading was left suspended by what read before it
     * (the handshake's reader), and keeps it suspended until the session is open: a peer's first frames
     * then stay in the socket while onOpen runs, and are read from it like every later frame, where
     * {@link OpeningInput} would copy them and parse the copy on the session's thread.
     */
    public void startSuspended(ByteBuffer leftover) {
        reading.takeOverSuspended(ReadInterest.Reason.OPENING);
        start(leftover);
    }

    /** One of the opening's two steps is done (onOpen returned; this session is the connection's handler). */
    private void opened(OpeningInput o) {
        if (o.stepDone()) {
            // A reader still seeing the object is told the session is open (OpeningInput.keep's monitor).
            opening = null;
        }
    }

    // ---- inbound, on the I/O thread ----

    @Override
    public void onData(ByteBuffer data) {
        OpeningInput o = opening;
        if (o != null && state.inputOpen() && o.keep(data)) {
            idle.touch();
            return;
        }
        parseIfOpen(data);
    }

    private void parseIfOpen(ByteBuffer data) {
        if (!state.inputOpen()) {
            return;
        }
        idle.touch();
        try {
            parser.parse(data);
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.DEBUG, "Session {0}: failing the connection with {1}: {2}",
                    getId(), e.closeCode(), e.getMessage());
            fail(e.closeCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Session " + getId() + ": internal error while reading", e);
            fail(CloseCodes.INTERNAL_ERROR, "Internal error");
        }
    }

    @Override
    public InboundAssembler.PartSink onMessageStart(boolean text) {
        MessageHandlers.Registration r = text ? handlers.text() : handlers.binary();
        // Handlers are chosen again when delivery starts, so this is only about buffering. Nothing is
        // parsed before onOpen has returned (OpeningInput), so these are the handlers onOpen left.
        if (r == null || !r.streams()) {
            return null;
        }
        MessagePipe pipe = new MessagePipe(text, backlog::release);
        streaming = pipe;
        MessageDispatcher d = dispatcher();
        executor.execute(() -> d.deliver(pipe));
        return (data, size, last) -> {
            backlog.admit(size);
            if (!pipe.offer(new MessagePart(data, size, last))) {
                backlog.release(size);
            }
            if (last) {
                streaming = null;
            }
        };
    }

    @Override
    public boolean deliversWhole(boolean text) {
        MessageHandlers.Registration r = text ? handlers.text() : handlers.binary();
        return r != null && !r.streams();
    }

    @Override
    public void onText(String text) {
        if (!state.inputOpen()) {
            return;
        }
        long size = 2L * text.length();
        backlog.admit(size);
        WholeMessage message = new WholeMessage(true, text, size, backlog::release);
        MessageDispatcher d = dispatcher();
        executor.execute(() -> d.deliver(message));
    }

    @Override
    public void onBinary(ByteBuffer data) {
        if (!state.inputOpen()) {
            return;
        }
        long size = data.remaining();
        backlog.admit(size);
        WholeMessage message = new WholeMessage(false, data, size, backlog::release);
        MessageDispatcher d = dispatcher();
        executor.execute(() -> d.deliver(message));
    }

    /**
     * The dispatcher, made with the first message an idle session never gets. Messages arrive on the
     * reading thread alone, one call after another, so a plain field will do; the executor sees it
     * through the task that captured it.
     */
    private MessageDispatcher dispatcher() {
        MessageDispatcher d = dispatcher;
        if (d == null) {
            d = new MessageDispatcher(handlers, handlers.codecs(), lock, limits);
            dispatcher = d;
        }
        return d;
    }

    @Override
    public void onPing(ByteBuffer payload) {
        if (state.inputOpen()) {
            // Like the dispatcher, made on the reading thread when first needed.
            PingResponder p = pings;
            if (p == null) {
                p = new PingResponder(this, endpoint(), executor, backlog, lock);
                pings = p;
            }
            p.onPing(payload);
        }
    }

    /**
     * The pong goes out only while nothing has closed, and never after our close frame; a peer that pings
     * faster than it reads our pongs gets only the latest of its pings answered, and is read no faster than
     * it reads ({@link PongQueue}).
     */
    private void answerPing(ByteBuffer payload) {
        synchronized (lock) {
            if (state.conversing()) {
                PongQueue q = pongs;
                if (q == null) {
                    q = new PongQueue(connection(), lock);
                    pongs = q;
                }
                if (q.admit(payload)) {
                    outbound.sendPong(payload, q);
                } else {
                    reading.update(ReadInterest.Reason.PONGS, q);   // owed: the peer is not reading our pongs
                }
            }
        }
    }

    /**
     * A pong was written while a newer ping waited for its answer: that answer goes out now (or, once the
     * session is closing, never), and reading goes on.
     */
    private void sendOwedPong() {
        synchronized (lock) {
            PongQueue q = pongs;
            if (q == null) {
                return;
            }
            if (state.conversing()) {
                ByteBuffer payload = q.takeOwed();
                if (payload != null) {
                    outbound.sendPong(payload, q);
                }
            } else {
                q.dropOwed();   // the close handshake must still be able to read the peer's close frame
            }
            reading.update(ReadInterest.Reason.PONGS, q);
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        if (!state.inputOpen()) {
            return;
        }
        ByteBuffer data = PingResponder.copy(payload);
        executor.execute(() -> {
            MessageHandlers.Registration r = handlers.pong();
            if (r == null) {
                return; // unsolicited pongs without a handler are dropped (RFC 6455 section 5.5.3)
            }
            try {
                PongMessage pong = () -> data.asReadOnlyBuffer();
                wholeHandler(r).onMessage(pong);
            } catch (Throwable t) {
                deliverError(t);
            }
        });
    }

    @Override
    public void onClose(int code, String reason) {
        state.peerClosed(code, reason);
        abortStreaming("the peer closed the connection with " + code);
        // Frames are processed in order (RFC 6455 section 5.4): messages that arrived before this
        // close are still being delivered, and whatever they send must go out before our reply.
        // The close timeout bounds the wait for an endpoint that never returns.
        executor.execute(() -> closeReceived(code, reason));
        connection().schedule(() -> closeReceived(code, reason), closeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void closeReceived(int code, String reason) {
        CloseReason fired;
        synchronized (lock) {
            SessionState.Reply reply = state.closeReceived();
            if (reply == SessionState.Reply.REPLY) {
                outbound.close("the peer closed it with " + code);
                outbound.sendControlNow(Opcode.CLOSE, ClosePayload.of(code, ""));
                fired = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
            } else if (reply == SessionState.Reply.ANSWERED) {
                cancel(closeTimer);
                fired = state.localReason();
            } else {
                return;
            }
            finishTransport();
        }
        fireOnClose(fired);
    }

    @Override
    public void onWritable() {
        outbound.onWritable();
    }

    @Override
    public void onClosed(IOException cause) {
        boolean abnormal = state.transportClosed();
        abortStreaming(cause == null ? "the connection was closed" : "the connection failed: " + cause.getMessage());
        synchronized (lock) {
            cancel(closeTimer);
            idle.cancel();
            outbound.close(cause == null ? "the connection was closed" : "the connection failed: " + cause.getMessage());
        }
        setup.openSessions().remove(this);
        if (abnormal) {
            if (cause != null) {
                LOG.log(System.Logger.Level.DEBUG, "Session {0}: connection failed: {1}", getId(), cause.getMessage());
            }
            fireOnClose(state.reasonWhenTransportEnded(cause == null ? null : cause.getMessage()));
        }
        // Native zlib contexts go back once nothing can use them any more.
        executor.execute(() -> {
            assembler.release();
            outbound.release();
        });
    }

    /**
     * Fails the WebSocket connection (RFC 6455 section 7.1.7): stop reading now; then, once the
     * messages received before the bad frame have been delivered (and their replies sent), the
     * close frame with the code, then TCP close.
     */
    private void fail(int code, String reason) {
        state.failing(code, reason);
        abortStreaming("the connection failed with " + code + ": " + reason);
        reading.stop();
        executor.execute(() -> failNow(code, reason));
        connection().schedule(() -> failNow(code, reason), closeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void failNow(int code, String reason) {
        synchronized (lock) {
            Boolean sendClose = state.failNow();
            if (sendClose == null) {
                return;
            }
            cancel(closeTimer);
            outbound.close("failed with " + code + ": " + reason);
            if (sendClose) {
                outbound.sendControlNow(Opcode.CLOSE, ClosePayload.of(code, reason));
            }
            connection().close();
        }
        fireOnClose(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    /**
     * Both close frames have passed. The server closes TCP first (RFC 6455 section 7.1.1); the
     * client gives the server a moment to do so and then closes anyway.
     */
    private void finishTransport() {
        if (setup.role() == Role.SERVER) {
            connection().close();
        } else {
            closeTimer = connection().schedule(connection()::close, closeTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    // ---- closing, from the application ----

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        if (reason == null) {
            throw new IllegalArgumentException("CloseReason must not be null");
        }
        closeLocally(reason, reason);
    }

    /**
     * Starts the close handshake: {@code sent} goes to the peer, {@code local} to this endpoint's
     * onClose once the handshake ends (they differ only when the container, not the application,
     * decides to close).
     */
    private void closeLocally(CloseReason sent, CloseReason local) {
        int code = sent.getCloseCode().getCode();
        synchronized (lock) {
            if (!state.closeSent(local)) {
                return;
            }
            outbound.close("close() was called");
            // 1006 and 1015 may never be sent: they stand for "no close frame" locally.
            int wireCode = CloseCodes.isValidOnWire(code) || code == CloseCodes.NO_STATUS ? code : CloseCodes.NORMAL;
            outbound.sendControlNow(Opcode.CLOSE, ClosePayload.of(wireCode, sent.getReasonPhrase()));
            closeTimer = connection().schedule(this::closeTimedOut, closeTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void closeTimedOut() {
        synchronized (lock) {
            if (!state.awaitingPeerClose()) {
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "Session {0}: no close frame from the peer in time; closing", getId());
        }
        connection().abort();
    }

    private void fireOnClose(CloseReason reason) {
        if (!state.claimOnClose()) {
            return;
        }
        setup.openSessions().remove(this);
        try {
            executor.execute(() -> {
                state.endpointClosed();
                try {
                    endpoint().onClose(this, reason);
                } catch (Throwable t) {
                    deliverError(t);
                }
                handlers.codecs().destroy();
            });
        } catch (RejectedExecutionException e) {
            state.endpointClosed(); // nothing will ever run onClose: the session must not look open for ever
            throw e;
        }
    }

    // ---- application callbacks ----

    private void deliverError(Throwable t) {
        try {
            endpoint().onError(this, t);
        } catch (Throwable again) {
            LOG.log(System.Logger.Level.WARNING, "Session " + getId() + ": onError of " + endpoint().getClass().getName()
                    + " threw while handling " + t, again);
        }
    }

    /**
     * A message no handler takes is dropped, not refused with 1003 (which RFC 6455 allows but does
     * not require): applications commonly add their handlers after connectToServer returns, while
     * the server may already be sending from its onOpen, and those messages must not cost them the
     * session (the TCK's addMessageHandlers tests rely on it, as on Tyrus and Tomcat). The first drop
     * is worth a warning; later ones would only flood the log.
     */
    private void noHandler(String kind) {
        System.Logger.Level level = unhandledWarned ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        unhandledWarned = true;
        LOG.log(level, "Session {0}: dropped a {1} message: no {1} message handler is registered", getId(), kind);
    }

    @SuppressWarnings("unchecked")
    private static MessageHandler.Whole<Object> wholeHandler(MessageHandlers.Registration r) {
        return (MessageHandler.Whole<Object>) r.handler();
    }

    private void abortStreaming(String reason) {
        MessagePipe pipe = streaming;
        if (pipe != null) {
            pipe.abort(reason);
        }
    }

    /**
     * How the session's parts reach back into it: the dispatcher, the ping responder, the pongs it owes,
     * the sending half and the idle timer. One object for all of them (an idle session would otherwise
     * hold a lambda for each); it doubles as the session's lock.
     */
    private final class Hooks implements MessageDispatcher.Host, PingResponder.Host, PongQueue.Host,
            Outbound.Events, IdleTimer.Expiry {
        @Override
        public void error(Throwable t) {
            deliverError(t);
        }

        @Override
        public void tooBig(String reason) {
            LOG.log(System.Logger.Level.DEBUG, "Session {0}: failing the connection with 1009: {1}", getId(), reason);
            fail(CloseCodes.TOO_BIG, reason);
        }

        @Override
        public void noHandler(String kind) {
            WsSession.this.noHandler(kind);
        }

        @Override
        public void pong(ByteBuffer payload) {
            answerPing(payload);
        }

        @Override
        public void activity() {
            idle.touch();
        }

        @Override
        public void expired() {
            idleExpired();
        }

        @Override
        public void sendOwedPong() {
            WsSession.this.sendOwedPong();
        }
    }

    // ---- idle timeout ----

    private void idleExpired() {
        if (endpoint() instanceof IdleReceiver receiver) {
            // The endpoint decides (the timer watches again); it hears again after another whole idle period.
            executor.execute(() -> {
                try {
                    receiver.onIdle(this);
                } catch (Throwable t) {
                    deliverError(t);
                }
            });
            return;
        }
        // Section 2.1.5: a close the container starts because the session timed out reaches the
        // local endpoint as 1006; 1006 may not be sent (RFC 6455 7.4.1), so the peer gets 1001.
        String why = "Idle timeout of " + idle.timeoutMillis() + " ms expired";
        closeLocally(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why),
                new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, why));
    }

    // ---- jakarta.websocket.Session ----

    @Override
    public WebSocketContainer getContainer() {
        return setup.container();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        handlers.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        handlers.add(clazz, handler, false);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        handlers.add(clazz, handler, true);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return setup.subprotocol() == null ? "" : setup.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return setup.extensions();
    }

    @Override
    public boolean isSecure() {
        return connection().isSecure();
    }

    /**
     * The Javadoc's "the underlying socket is open": true while our close awaits the peer's reply,
     * and after the handshake until the endpoint's onClose is delivered, whatever messages it
     * still waits behind. So a caller that sees {@code false} (the TCK polls for it after close())
     * finds onClose under way, not still queued; inside onClose the session is already closed.
     */
    @Override
    public boolean isOpen() {
        return state.isOpen();
    }

    @Override
    public long getMaxIdleTimeout() {
        return idle.timeoutMillis();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        idle.setTimeoutMillis(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        limits.setMaxBinaryMessageBytes(length);
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return limits.maxBinaryMessageBytes();
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        limits.setMaxTextMessageBytes(length);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return limits.maxTextMessageBytes();
    }

    @Override
    public void setMaxFramePayload(long bytes) {
        limits.setMaxFramePayload(bytes);
    }

    @Override
    public void setMaxFragmentsPerMessage(long frames) {
        limits.setMaxFragmentsPerMessage(frames);
    }

    @Override
    public void setCloseTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("closeTimeout must be > 0 ms, was " + millis);
        }
        closeTimeoutMillis = millis;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        AsyncRemote remote = async;
        if (remote == null) {
            synchronized (lock) {
                if (async == null) {
                    async = new AsyncRemote(outbound, new ObjectEncoding(handlers.codecs()));
                }
                remote = async;
            }
        }
        return remote;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        BasicRemote remote = basic;
        if (remote == null) {
            synchronized (lock) {
                if (basic == null) {
                    basic = new BasicRemote(outbound, new ObjectEncoding(handlers.codecs()));
                }
                remote = basic;
            }
        }
        return remote;
    }

    @Override
    public String getId() {
        String text = idText;
        if (text == null) {
            text = Long.toHexString(id);   // a race makes two equal strings: harmless
            idText = text;
        }
        return text;
    }

    @Override
    public URI getRequestURI() {
        String text = setup.requestUri();
        return text == null ? null : URI.create(text);
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return setup.parameterMap();
    }

    @Override
    public String getQueryString() {
        return setup.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return setup.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        Map<String, Object> properties = userProperties;
        if (properties == null) {
            synchronized (lock) {
                if (userProperties == null) {
                    userProperties = new ConcurrentHashMap<>();
                }
                properties = userProperties;
            }
        }
        return properties;
    }

    @Override
    public Principal getUserPrincipal() {
        return setup.principal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        Set<Session> open = new HashSet<>();
        for (Session s : setup.openSessions()) {
            if (s instanceof WsSession w ? w.state.conversing() : s.isOpen()) {
                open.add(s);
            }
        }
        return open;
    }

    @Override
    public String toString() {
        return "WsSession[" + getId() + " " + setup.requestUri() + "]";
    }

    // ---- helpers ----

    /*
     * The connection and endpoint are the setup's, which the session keeps anyway (for what the Jakarta API
     * can still ask of the handshake): no fields of their own on every session.
     */
    private Connection connection() {
        return setup.connection();
    }

    private Endpoint endpoint() {
        return setup.endpoint();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
