package org.bowline.container.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bowline.container.extension.InflateSink;
import org.bowline.container.extension.MessageInflater;
import org.bowline.container.frame.CloseCodes;
import org.bowline.container.frame.FrameHandler;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Utf8Decoder;

/**
 * Turns the parser's frame events into messages: inflates permessage-deflate payloads,
 * validates UTF-8 as bytes arrive (so invalid text fails at the first bad byte, not at the end
 * of the message), and either assembles each message whole or streams it in parts.
 *
 * <p>Which of the two is decided when a message starts, by the listener (from the handler then
 * registered). Assembled messages are held to the message size limits as early as those can be
 * known. Streamed messages are not: {@code setMaxTextMessageBufferSize} and its binary twin are
 * "the maximum length of incoming messages that this session can buffer", and a streamed
 * message is never buffered whole, so a long one must not cost the session. What bounds
 * streaming is the frame size limit (checked by the parser), the inflate limit applied per
 * frame, and the inbound backlog, which stops reading while the endpoint is behind.
 *
 * <p>Streamed parts are what has arrived: one per network read (or per inflated chunk), text
 * cut only between code points. A part is handed on as soon as its read is done, except the
 * final frame's last one, which is held until the frame ends so it can carry last = true.
 *
 * <p>Runs on the I/O thread. Holds no buffer between messages, so an idle session costs nothing
 * here but the inflater's context.
 */
final class InboundAssembler implements FrameHandler, InflateSink {

    /** Receives the parts of a streamed message; {@code data} is a String or a ByteBuffer it may keep. */
    interface PartSink {
        void part(Object data, long size, boolean last);
    }

    private final InboundListener listener;
    private final MessageInflater inflater;
    /** Made with the first text message and kept; a session that only idles or takes binary needs none. */
    private Utf8Decoder utf8;
    private final InboundLimits limits;

    private int messageOpcode = -1;
    private long frames;
    private boolean compressed;
    private long messageBytes;
    private StringBuilder text;
    private byte[] binary;
    private int binaryLength;

    /** Whether the current frame is the message's last. */
    private boolean finalFrame;
    /** Payload bytes of the current frame still to come (as announced; for a compressed frame, wire bytes). */
    private long frameRemaining;
    /** The longest uncompressed binary message assembled whole so far: bytes the peer has already sent. */
    private int biggestSentWhole;

    // streaming state
    private PartSink sink;
    private Object pending;
    private long pendingSize;
    private long carriedBytes;

    InboundAssembler(InboundListener listener, MessageInflater inflaterOrNull, InboundLimits limits) {
        this.listener = listener;
        this.inflater = inflaterOrNull;
        this.limits = limits;
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolException {
        if (opcode == Opcode.CONTINUATION) {
            checkFrameCount(++frames);
        } else {
            frames = 1;
            messageOpcode = opcode;
            if (opcode == Opcode.TEXT && utf8 == null) {
                utf8 = new Utf8Decoder();
            }
            compressed = (rsv & FrameHeader.RSV1) != 0;
            messageBytes = 0;
            pending = null;
            carriedBytes = 0;
            sink = listener.onMessageStart(opcode == Opcode.TEXT);
            if (sink != null) {
                text = opcode == Opcode.TEXT ? new StringBuilder() : null;
            } else if (opcode == Opcode.TEXT) {
                text = new StringBuilder(compressed ? 64 : (int) Math.min(payloadLength, 1 << 16));
            } else {
                // Pre-size from the announced length, but only up to 1 MiB, or up to the biggest message this
                // peer has sent whole before: a peer that announces a big frame and then stalls must not pin
                // more than it has sent. A peer that sends big messages gets room for the next at once.
                binary = new byte[compressed ? 256
                        : (int) Math.min(payloadLength, Math.min(limit(), Math.max(1 << 20, biggestSentWhole)))];
                binaryLength = 0;
            }
        }
        frameRemaining = payloadLength;
        finalFrame = fin;
        if (sink != null) {
            if (compressed) {
                inflater.resetInflatedCount();
            } else if (listener.deliversWhole(messageOpcode == Opcode.TEXT)) {
                // A whole message's limit holds on the wire even when it streams: a header that announces
                // more must fail now, not wait for bytes the peer may never send.
                checkSize(messageBytes + payloadLength);
            }
        } else if (!compressed) {
            // The announced length is enough to know the message is too big: fail before reading it.
            checkSize(messageBytes + payloadLength);
        }
    }

    @Override
    public void onDataPayload(ByteBuffer payload) throws ProtocolException {
        frameRemaining -= payload.remaining();
        if (compressed) {
            inflater.inflate(payload, this);
        } else if (sink != null) {
            stream(payload);
        } else {
            accept(payload);
        }
        if (sink != null && !(finalFrame && frameRemaining == 0)) {
            flushPending(false);
        }
    }

    @Override
    public void onDataFrameEnd(boolean fin) throws ProtocolException {
        if (!fin) {
            return;
        }
        if (compressed) {
            inflater.endMessage(this);
        }
        if (messageOpcode == Opcode.TEXT) {
            utf8.finish();
        }
        if (sink != null) {
            if (pending == null) {
                pending = messageOpcode == Opcode.TEXT ? "" : ByteBuffer.allocate(0);
            }
            flushPending(true);
            sink = null;
            text = null;
        } else if (messageOpcode == Opcode.TEXT) {
            String message = text.toString();
            text = null;
            listener.onText(message);
        } else {
            ByteBuffer message = ByteBuffer.wrap(binary, 0, binaryLength);
            if (!compressed) {
                // Inflated bytes do not count: a small compressed message would earn a big array for nothing.
                biggestSentWhole = Math.max(biggestSentWhole, binaryLength);
            }
            binary = null;
            listener.onBinary(message);
        }
        messageOpcode = -1;
    }

    /** Inflated bytes of a compressed message. */
    @Override
    public void onInflated(ByteBuffer chunk) throws ProtocolException {
        if (sink != null) {
            stream(chunk);
            return;
        }
        checkSize(messageBytes + chunk.remaining());
        accept(chunk);
    }

    private void accept(ByteBuffer bytes) throws ProtocolException {
        int n = bytes.remaining();
        messageBytes += n;
        if (messageOpcode == Opcode.TEXT) {
            utf8.decode(bytes, text);
        } else {
            if (binaryLength + n > binary.length) {
                grow(binaryLength + n);
            }
            bytes.get(binary, binaryLength, n);
            binaryLength += n;
        }
    }

    /**
     * Makes room for {@code needed} bytes of a whole binary message. Doubling alone copies a 16 MiB message
     * four times on its way up from the first megabyte (15 MiB in all); so the array grows towards what the
     * frame still announces, by up to four times: straight to it when it is the message's last frame and
     * within reach (no copy to spare, no room to waste), never by less than double otherwise (a message in
     * many frames still grows geometrically). A peer that announces a big frame and then stalls so pins at
     * most four times what it sent (beyond the first array, at most 1 MiB or its biggest message before), and
     * the message limit caps it all. Compressed frames announce wire bytes, not message bytes: those double.
     */
    private void grow(long needed) {
        long held = binary.length;
        long grown = held * 2;
        if (!compressed) {
            long announced = needed + frameRemaining;   // frameRemaining is past these bytes already
            long reach = Math.min(announced, held * 4);
            grown = finalFrame ? reach : Math.max(grown, reach);
        }
        binary = Arrays.copyOf(binary, (int) Math.min(Math.max(grown, needed), Math.max(limit(), needed)));
    }

    /** Bytes the message being assembled whole has room for now; 0 when none is. For tests. */
    int assemblyCapacity() {
        return binary == null ? 0 : binary.length;
    }

    /** A chunk of a streamed message becomes the pending part; the one before it goes on. */
    private void stream(ByteBuffer bytes) throws ProtocolException {
        int n = bytes.remaining();
        messageBytes += n;
        Object data;
        if (messageOpcode == Opcode.TEXT) {
            utf8.decode(bytes, text);
            if (text.length() == 0) {
                // Only the start of a code point: its bytes count with the part that completes it.
                carriedBytes += n;
                return;
            }
            data = text.toString();
            text.setLength(0);
        } else {
            if (n == 0) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(n);
            copy.put(bytes).flip();
            data = copy;
        }
        flushPending(false);
        pending = data;
        pendingSize = n + carriedBytes;
        carriedBytes = 0;
    }

    private void flushPending(boolean last) {
        if (pending != null) {
            Object data = pending;
            long size = pendingSize + (last ? carriedBytes : 0);
            pending = null;
            pendingSize = 0;
            if (last) {
                carriedBytes = 0;
            }
            sink.part(data, size, last);
        }
    }

    private long limit() {
        return Math.min(limits.maxMessageBytes(messageOpcode == Opcode.TEXT), Integer.MAX_VALUE - 8);
    }

    /**
     * Every frame of a message costs a header to parse and, streamed, a part to hand on, yet an empty
     * one adds nothing to the size the message limits count: without this a peer could send one
     * message for ever. 1009 like the size limits, since the message is too big in frames to take.
     */
    private void checkFrameCount(long count) throws ProtocolException {
        long max = limits.maxFragmentsPerMessage();
        if (count > max) {
            throw new ProtocolException(CloseCodes.TOO_BIG,
                    (messageOpcode == Opcode.TEXT ? "Text" : "Binary") + " message exceeds " + max
                            + " frames (maxFragmentsPerMessage)");
        }
    }

    private void checkSize(long size) throws ProtocolException {
        long max = limit();
        if (size > max) {
            throw new ProtocolException(CloseCodes.TOO_BIG,
                    (messageOpcode == Opcode.TEXT ? "Text" : "Binary") + " message exceeds " + max + " bytes");
        }
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
        switch (opcode) {
            case Opcode.PING -> listener.onPing(payload);
            case Opcode.PONG -> listener.onPong(payload);
            case Opcode.CLOSE -> {
                if (payload.remaining() < 2) {
                    listener.onClose(CloseCodes.NO_STATUS, "");
                } else {
                    int code = payload.getShort() & 0xFFFF;
                    listener.onClose(code, StandardCharsets.UTF_8.decode(payload).toString());
                }
            }
            default -> throw new IllegalStateException("Parser passed a non-control opcode " + opcode);
        }
    }

    /** Frees the inflater's native memory when the session ends. */
    void release() {
        if (inflater != null) {
            inflater.close();
        }
    }
}
