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
 * Turns the parser's frame events into whole messages: inflates permessage-deflate payloads,
 * validates UTF-8 as bytes arrive (so invalid text fails at the first bad byte, not at the end
 * of the message), and enforces the message size limits as early as they can be known.
 *
 * <p>Runs on the I/O thread. Holds no buffer between messages, so an idle session costs nothing
 * here but the inflater's context.
 */
final class InboundAssembler implements FrameHandler, InflateSink {

    private final InboundListener listener;
    private final MessageInflater inflater;
    private final Utf8Decoder utf8 = new Utf8Decoder();
    private volatile long maxText;
    private volatile long maxBinary;

    private int messageOpcode = -1;
    private boolean compressed;
    private long messageBytes;
    private StringBuilder text;
    private byte[] binary;
    private int binaryLength;

    InboundAssembler(InboundListener listener, MessageInflater inflaterOrNull, long maxText, long maxBinary) {
        this.listener = listener;
        this.inflater = inflaterOrNull;
        this.maxText = maxText;
        this.maxBinary = maxBinary;
    }

    void setLimits(long maxText, long maxBinary) {
        this.maxText = maxText;
        this.maxBinary = maxBinary;
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolException {
        if (opcode != Opcode.CONTINUATION) {
            messageOpcode = opcode;
            compressed = (rsv & FrameHeader.RSV1) != 0;
            messageBytes = 0;
            if (opcode == Opcode.TEXT) {
                text = new StringBuilder(compressed ? 64 : (int) Math.min(payloadLength, 1 << 16));
            } else {
                // Pre-size from the announced length, but only up to 1 MiB: a peer that announces a big
                // frame and then stalls must not pin the whole of it.
                binary = new byte[compressed ? 256 : (int) Math.min(payloadLength, Math.min(limit(), 1 << 20))];
                binaryLength = 0;
            }
        }
        if (!compressed) {
            // The announced length is enough to know the message is too big: fail before reading it.
            checkSize(messageBytes + payloadLength);
        }
    }

    @Override
    public void onDataPayload(ByteBuffer payload) throws ProtocolException {
        if (compressed) {
            inflater.inflate(payload, this);
        } else {
            accept(payload);
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
            String message = text.toString();
            text = null;
            listener.onText(message);
        } else {
            ByteBuffer message = ByteBuffer.wrap(binary, 0, binaryLength);
            binary = null;
            listener.onBinary(message);
        }
        messageOpcode = -1;
    }

    /** Inflated bytes of a compressed message. */
    @Override
    public void onInflated(ByteBuffer chunk) throws ProtocolException {
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
                long grown = Math.max((long) binary.length * 2, (long) binaryLength + n);
                binary = Arrays.copyOf(binary, (int) Math.min(grown, Math.max(limit(), binaryLength + n)));
            }
            bytes.get(binary, binaryLength, n);
            binaryLength += n;
        }
    }

    private long limit() {
        long max = messageOpcode == Opcode.TEXT ? maxText : maxBinary;
        return Math.min(max, Integer.MAX_VALUE - 8);
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
