package org.bowline.container.session;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * What a new session reads before its endpoint's onOpen has returned. Limits the endpoint sets in onOpen
 * (message sizes, say) must judge the first frames too, even those a fast peer sent right behind the
 * handshake; so bytes that arrive earlier are kept unparsed, and reading is held
 * ({@link ReadInterest.Reason#OPENING}) so that at most one read's worth waits. They are parsed, and reading
 * resumes, once two steps are done: onOpen has returned, and the session has become the connection's
 * handler (resumed any earlier, the handshake's handler would get the next bytes).
 *
 * <p>A session whose peer sends nothing while it opens never holds reading at all: an opening costs no
 * change of the connection's read interest in the usual case. A session that takes over a connection the
 * handshake left suspended ({@link WsSession#startSuspended}) keeps it suspended until it is open instead,
 * so only bytes that came with the handshake itself are kept here.
 */
final class OpeningInput {

    private final ReadInterest reading;
    private final Consumer<ByteBuffer> parse;
    private ByteBuffer kept;
    private int stepsLeft = 2;

    /** @param parse parses input for the open session; called once with everything kept, if anything was */
    OpeningInput(ReadInterest reading, Consumer<ByteBuffer> parse) {
        this.reading = reading;
        this.parse = parse;
    }

    /**
     * On the reading thread: keeps a copy of {@code data} (consuming it) and holds reading while the session
     * is still opening.
     *
     * @return false once the session is open: the caller parses {@code data} itself
     */
    boolean keep(ByteBuffer data) {
        synchronized (this) {
            if (stepsLeft == 0) {
                return false;
            }
            ByteBuffer all = ByteBuffer.allocate((kept == null ? 0 : kept.remaining()) + data.remaining());
            if (kept != null) {
                all.put(kept);
            }
            kept = all.put(data).flip();
            // Under this monitor: the last step sees the hold whenever it sees kept bytes, so its release
            // cannot come first and leave reading held.
            reading.update(ReadInterest.Reason.OPENING, ReadInterest.Decision.HOLD);
        }
        return true;
    }

    /**
     * One of the two steps is done; the last one parses what was kept, then lets reading go on.
     *
     * @return whether this was the last step: the session is open
     */
    boolean stepDone() {
        ByteBuffer first;
        synchronized (this) {
            if (--stepsLeft > 0) {
                return false;
            }
            first = kept;
            kept = null;
        }
        if (first != null) {
            parse.accept(first);   // no read runs meanwhile: reading is still held
        }
        // Held by keep(), or from the start by a session that took over a suspended connection.
        reading.update(ReadInterest.Reason.OPENING, ReadInterest.Decision.RELEASE);
        return true;
    }
}
