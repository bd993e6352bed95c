package org.bowline.container.frame;

import java.nio.ByteBuffer;

/**
 * Incremental sans-IO RFC 6455 frame parser: a state machine fed any chunking of the inbound byte
 * stream. It enforces the framing rules (section 5) with the right close code, unmasks in place and
 * streams data payload to its {@link FrameHandler} as it arrives, so memory use does not depend on
 * frame size. Message-level rules (UTF-8 of text, message size) belong to the handler.
 *
 * <p>Not thread-safe: one instance per connection, fed by one thread at a time.
 */
public final class FrameParser {

    private static final int READING_HEADER = 0;
    private static final int READING_DATA = 1;
    private static final int READING_CONTROL = 2;

    private final Role role;
    private final FrameHandler handler;
    /**
     * The payload of the control frame being read, gathered so the handler gets it whole; null between
     * control frames, so an idle connection holds no buffer for them (they are rare and small).
     */
    private ByteBuffer control;

    private int allowedRsv;
    private FrameLimits limits = () -> Long.MAX_VALUE;

    private int state = READING_HEADER;
    private boolean failed;
    private boolean fragmented;

    /*
     * A header is taken a byte at a time, wherever the reads split it, straight into the fields it
     * fills: the extended length into payloadRemaining, the mask into maskKey (no header buffer, which
     * would be one more array on every idle connection).
     */
    private int headerFill;
    private int headerLength = 2;
    private int lengthCode;
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private int maskOffset;
    private long payloadRemaining;
    private int controlLength;

    public FrameParser(Role role, FrameHandler handler) {
        if (role == null || handler == null) {
            throw new NullPointerException("role and handler are required");
        }
        this.role = role;
        this.handler = handler;
    }

    /**
     * RSV bits allowed on the FIRST frame of a data message (RSV1 once permessage-deflate is
     * negotiated). Default 0. RSV bits on continuation or control frames are always a protocol
     * error (RFC 7692 forbids RSV1 there).
     */
    public void setAllowedRsv(int rsvBits) {
        if ((rsvBits & ~FrameHeader.RSV_BITS) != 0) {
            throw new IllegalArgumentException("not RSV bits: 0x" + Integer.toHexString(rsvBits));
        }
        this.allowedRsv = rsvBits;
    }

    /**
     * Where the max payload of one frame comes from; it is read at every frame header, and a larger
     * announced length fails with 1009 at once, before any payload. Default: no limit (2^63-1).
     */
    public void setLimits(FrameLimits limits) {
        if (limits == null) {
            throw new NullPointerException("limits");
        }
        this.limits = limits;
    }

    /** A fixed max payload of one frame, for a parser that has no session's limits to follow. */
    public void setMaxFramePayload(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("negative maximum frame payload: " + max);
        }
        this.limits = () -> max;
    }

    /**
     * Consumes ALL bytes of in (any chunking), unmasking payload in place (the buffer must be
     * writable) and streaming data payload to the handler as it arrives. Control frame payload is
     * gathered internally so handlers get it whole. After a ProtocolException the parser is failed:
     * further parse calls throw IllegalStateException. Exceptions thrown by the handler propagate
     * unchanged and also fail the parser.
     */
    public void parse(ByteBuffer in) throws ProtocolException {
        if (failed) {
            throw new IllegalStateException("the frame parser failed earlier; the connection must be closed");
        }
        int limit = in.limit();
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case READING_HEADER -> readHeader(in);
                    case READING_DATA -> readData(in);
                    default -> readControl(in);
                }
            }
        } catch (Throwable t) {
            failed = true;
            in.limit(limit);
            throw t;
        }
    }

    /** True when the last data frame accepted had FIN=0: the next data frame must be a continuation. */
    public boolean inFragmentedMessage() {
        return fragmented;
    }

    private void readHeader(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining()) {
            byte b = in.get();
            int i = headerFill++;
            if (i == 0) {
                checkFirstByte(b);
            } else if (i == 1) {
                checkSecondByte(b);
            } else if (i < headerLength - (masked ? 4 : 0)) {
                payloadRemaining = payloadRemaining << 8 | (b & 0xFF);
            } else {
                maskKey = maskKey << 8 | (b & 0xFF);
            }
            if (headerFill == headerLength) {
                completeHeader();
                return;
            }
        }
    }

    /** Everything byte 0 alone can break is reported at once, before the rest of the header. */
    private void checkFirstByte(byte b) throws ProtocolException {
        fin = (b & FrameHeader.FIN) != 0;
        rsv = b & FrameHeader.RSV_BITS;
        opcode = b & FrameHeader.OPCODE_BITS;
        if (!Opcode.isDefined(opcode)) {
            throw protocolError("reserved opcode " + opcode);
        }
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw protocolError("fragmented control frame (FIN=0)");
            }
            if (rsv != 0) {
                throw protocolError("RSV bits set on a control frame");
            }
        } else if (opcode == Opcode.CONTINUATION) {
            if (!fragmented) {
                throw protocolError("continuation frame without a fragmented message to continue");
            }
            if (rsv != 0) {
                throw protocolError("RSV bits set on a continuation frame");
            }
        } else {
            if (fragmented) {
                throw protocolError("new data message started inside a fragmented message");
            }
            if ((rsv & ~allowedRsv) != 0) {
                throw protocolError("RSV bits set that no negotiated extension allows");
            }
        }
    }

    private void checkSecondByte(byte b) throws ProtocolException {
        masked = (b & FrameHeader.MASK) != 0;
        if (masked != (role == Role.SERVER)) {
            throw protocolError(masked ? "masked frame from a server" : "unmasked frame from a client");
        }
        int length7 = b & FrameHeader.LENGTH_BITS;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        headerLength = 2 + extended + (masked ? 4 : 0);
        lengthCode = length7;
        payloadRemaining = extended == 0 ? length7 : 0;   // the extended length's bytes shift in from here
    }

    private void completeHeader() throws ProtocolException {
        long length = payloadRemaining;
        payloadRemaining = 0;
        if (lengthCode == 127 && length < 0) {
            throw protocolError("64-bit payload length has its most significant bit set");
        }
        maskOffset = 0;
        headerFill = 0;
        headerLength = 2;

        if (Opcode.isControl(opcode)) {
            // Checked on the decoded length, not the 7-bit field, because non-minimal encodings are accepted.
            if (length > FrameHeader.MAX_CONTROL_PAYLOAD) {
                throw protocolError("control frame payload longer than 125 bytes");
            }
            checkLimit(length);
            controlLength = (int) length;
            control = ByteBuffer.allocate(controlLength);
            if (controlLength == 0) {
                deliverControl();
            } else {
                state = READING_CONTROL;
            }
        } else {
            checkLimit(length);
            fragmented = !fin;
            payloadRemaining = length;
            state = length == 0 ? READING_HEADER : READING_DATA;
            handler.onDataFrameStart(opcode, fin, rsv, length);
            if (length == 0) {
                handler.onDataFrameEnd(fin);
            }
        }
    }

    private void checkLimit(long length) throws ProtocolException {
        long maxFramePayload = limits.maxFramePayload();
        if (length > maxFramePayload) {
            throw new ProtocolException(CloseCodes.TOO_BIG,
                    "frame payload of " + length + " bytes exceeds the limit of " + maxFramePayload);
        }
    }

    private void readData(ByteBuffer in) throws ProtocolException {
        int position = in.position();
        int limit = in.limit();
        int n = (int) Math.min(limit - position, payloadRemaining);
        in.limit(position + n);
        if (masked) {
            maskOffset = Masker.maskInPlace(in, maskKey, maskOffset);
        }
        handler.onDataPayload(in);
        // The handler may have moved position or limit; the parser alone decides what was consumed.
        in.limit(limit);
        in.position(position + n);
        payloadRemaining -= n;
        if (payloadRemaining == 0) {
            state = READING_HEADER;
            handler.onDataFrameEnd(fin);
        }
    }

    private void readControl(ByteBuffer in) throws ProtocolException {
        int n = Math.min(in.remaining(), control.remaining());
        int limit = in.limit();
        in.limit(in.position() + n);
        control.put(in);
        in.limit(limit);
        if (!control.hasRemaining()) {
            deliverControl();
        }
    }

    private void deliverControl() throws ProtocolException {
        state = READING_HEADER;
        ByteBuffer payload = control.flip();
        control = null;
        if (masked) {
            Masker.maskInPlace(payload, maskKey, 0);
        }
        if (opcode == Opcode.CLOSE) {
            checkClosePayload(payload);
        }
        handler.onControlFrame(opcode, payload);
    }

    /** Section 5.5.1 and 7.4: an optional 2-byte wire-legal code, then an optional UTF-8 reason. */
    private void checkClosePayload(ByteBuffer payload) throws ProtocolException {
        if (controlLength == 0) {
            return;
        }
        if (controlLength == 1) {
            throw protocolError("close frame payload of 1 byte (a close code takes 2)");
        }
        int code = (payload.get(0) & 0xFF) << 8 | (payload.get(1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw protocolError("close code " + code + " is not allowed on the wire");
        }
        payload.position(2);
        boolean validReason = Utf8Decoder.isValid(payload);
        payload.position(0);
        if (!validReason) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
        }
    }

    private static ProtocolException protocolError(String reason) {
        return new ProtocolException(CloseCodes.PROTOCOL_ERROR, reason);
    }
}
