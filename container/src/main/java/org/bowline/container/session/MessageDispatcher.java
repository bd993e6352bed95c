package org.bowline.container.session;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Arrays;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.MessageHandler;

import org.bowline.container.session.MessageHandlers.Registration;

/**
 * Hands one inbound data message to the handler registered for its kind when delivery starts,
 * in the form that handler asked for: whole, part by part, as a Reader or InputStream, converted
 * to a primitive wrapper, or decoded by the session's decoders. Runs on the session's executor.
 *
 * <p>Handler and decoder failures go to the endpoint's onError and the session stays open.
 * Whole-message handlers are held to the session's message buffer sizes even when the message
 * was streamed; partial and streaming handlers are not (see {@link InboundAssembler}).
 */
final class MessageDispatcher {

    /** What the dispatcher needs from its session. */
    interface Host {
        /** An application error, for the endpoint's onError. */
        void error(Throwable t);

        /** The message is too big for the handler that needs it whole: fail with 1009. */
        void tooBig(String reason);

        /** No handler for this kind of message: it was discarded. */
        void noHandler(String kind);
    }

    /** A whole message exceeded the buffer size while being assembled from streamed parts. */
    private static final class TooBig extends Exception {
        TooBig(String message) {
            super(message, null, false, false);
        }
    }

    private static final System.Logger LOG = System.getLogger(MessageDispatcher.class.getName());

    private final MessageHandlers handlers;
    private final SessionCodecs codecs;
    private final Host host;
    private final InboundLimits limits;

    MessageDispatcher(MessageHandlers handlers, SessionCodecs codecs, Host host, InboundLimits limits) {
        this.handlers = handlers;
        this.codecs = codecs;
        this.host = host;
        this.limits = limits;
    }

    void deliver(InboundMessage message) {
        Registration r = message.isText() ? handlers.text() : handlers.binary();
        try {
            if (r == null) {
                message.discard();
                host.noHandler(message.isText() ? "text" : "binary");
            } else if (r.partial()) {
                deliverParts(r, message);
            } else {
                deliverWhole(r, message);
            }
        } catch (InboundMessage.MessageAbortedException e) {
            // The connection is closing; onClose tells the endpoint.
            LOG.log(System.Logger.Level.DEBUG, "Message not delivered: {0}", e.getMessage());
        } catch (TooBig e) {
            host.tooBig(e.getMessage());
        } catch (Throwable t) {
            host.error(t);
        } finally {
            // Whatever the handler left unread is dropped so the next message starts clean.
            message.discard();
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverParts(Registration r, InboundMessage message) throws IOException {
        MessageHandler.Partial<Object> handler = (MessageHandler.Partial<Object>) r.handler();
        MessagePart part;
        while ((part = message.next()) != null) {
            Object data = r.shape() == MessageHandlers.Shape.BYTE_ARRAY ? toArray((ByteBuffer) part.data()) : part.data();
            try {
                handler.onMessage(data, part.last());
            } catch (Throwable t) {
                // One failing part does not lose the parts after it.
                host.error(t);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverWhole(Registration r, InboundMessage message) throws IOException, TooBig, DecodeException {
        MessageHandler.Whole<Object> handler = (MessageHandler.Whole<Object>) r.handler();
        Object value = switch (r.shape()) {
            case STRING -> text(message);
            case READER -> new MessageReader(message);
            case PRIMITIVE -> TextConversions.convert(text(message), r.type());
            case TEXT_DECODED -> decodeText(r, text(message));
            case TEXT_STREAM_DECODED -> decodeTextStream(r.decoders().get(0), message);
            case BYTE_BUFFER -> binary(message);
            case BYTE_ARRAY -> toArray(binary(message));
            case INPUT_STREAM -> new MessageInputStream(message);
            case BINARY_DECODED -> decodeBinary(r, binary(message));
            case BINARY_STREAM_DECODED -> decodeBinaryStream(r.decoders().get(0), message);
            case PONG -> throw new IllegalStateException("A pong handler was chosen for a data message");
        };
        handler.onMessage(value);
    }

    // ---- assembling ----

    /**
     * A streamed message's first part is checked too, even when it is the whole message: it
     * streamed because it arrived while onOpen was still running, before the endpoint's buffer size
     * (e.g. from @OnMessage(maxMessageSize)) was set. A message assembled whole was checked against
     * the wire limit as it arrived (its part size counts memory, not wire bytes).
     */
    private static boolean firstPartTooBig(InboundMessage message, long size, int max) {
        return message instanceof MessagePipe && size > max;
    }

    private String text(InboundMessage message) throws IOException, TooBig {
        MessagePart first = message.next();
        int max = limits.maxTextMessageBytes();
        long size = first.size();
        if (firstPartTooBig(message, size, max)) {
            throw new TooBig("Text message exceeds " + max + " bytes");
        }
        if (first.last()) {
            return (String) first.data();
        }
        StringBuilder text = new StringBuilder((String) first.data());
        MessagePart part;
        while ((part = message.next()) != null) {
            size += part.size();
            if (size > max) {
                throw new TooBig("Text message exceeds " + max + " bytes");
            }
            text.append((String) part.data());
        }
        return text.toString();
    }

    private ByteBuffer binary(InboundMessage message) throws IOException, TooBig {
        MessagePart first = message.next();
        int max = limits.maxBinaryMessageBytes();
        if (firstPartTooBig(message, first.size(), max)) {
            throw new TooBig("Binary message exceeds " + max + " bytes");
        }
        if (first.last()) {
            return (ByteBuffer) first.data();
        }
        ByteBuffer firstData = (ByteBuffer) first.data();
        byte[] bytes = new byte[Math.max(64, firstData.remaining() * 2)];
        int length = 0;
        MessagePart part = first;
        do {
            ByteBuffer data = (ByteBuffer) part.data();
            int n = data.remaining();
            if ((long) length + n > max) {
                throw new TooBig("Binary message exceeds " + max + " bytes");
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(2L * bytes.length, (long) length + n)));
            }
            data.get(bytes, length, n);
            length += n;
        } while ((part = message.next()) != null);
        return ByteBuffer.wrap(bytes, 0, length);
    }

    // ---- decoding ----

    private Object decodeText(Registration r, String text) throws DecodeException {
        for (CodecSpec spec : r.decoders()) {
            Object decoder = decoder(spec, text, null);
            try {
                if (spec.form() == CodecSpec.Form.TEXT) {
                    Decoder.Text<?> d = (Decoder.Text<?>) decoder;
                    if (d.willDecode(text)) {
                        return d.decode(text);
                    }
                } else {
                    return ((Decoder.TextStream<?>) decoder).decode(new StringReader(text));
                }
            } catch (DecodeException e) {
                throw e;
            } catch (Exception e) {
                throw new DecodeException(text, spec.name() + " failed: " + e, e);
            }
        }
        throw new DecodeException(text, "No decoder accepted the text message for " + r.type().getName()
                + " (willDecode returned false in " + names(r) + ")");
    }

    private Object decodeBinary(Registration r, ByteBuffer bytes) throws DecodeException {
        for (CodecSpec spec : r.decoders()) {
            Object decoder = decoder(spec, null, bytes);
            try {
                if (spec.form() == CodecSpec.Form.BINARY) {
                    Decoder.Binary<?> d = (Decoder.Binary<?>) decoder;
                    // Each call gets its own view: willDecode may move the position.
                    if (d.willDecode(bytes.duplicate())) {
                        return d.decode(bytes.duplicate());
                    }
                } else {
                    ByteBuffer view = bytes.duplicate();
                    return ((Decoder.BinaryStream<?>) decoder).decode(new java.io.ByteArrayInputStream(
                            toArray(view)));
                }
            } catch (DecodeException e) {
                throw e;
            } catch (Exception e) {
                throw new DecodeException(bytes.duplicate(), spec.name() + " failed: " + e, e);
            }
        }
        throw new DecodeException(bytes.duplicate(), "No decoder accepted the binary message for " + r.type().getName()
                + " (willDecode returned false in " + names(r) + ")");
    }

    private Object decodeTextStream(CodecSpec spec, InboundMessage message) throws DecodeException, IOException {
        Decoder.TextStream<?> decoder = (Decoder.TextStream<?>) decoder(spec, "", null);
        try {
            return decoder.decode(new MessageReader(message));
        } catch (DecodeException | InboundMessage.MessageAbortedException e) {
            // A message cut short by the connection's end is no decoding error.
            throw e;
        } catch (Exception e) {
            throw new DecodeException((String) null, spec.name() + " failed: " + e, e);
        }
    }

    private Object decodeBinaryStream(CodecSpec spec, InboundMessage message) throws DecodeException, IOException {
        Decoder.BinaryStream<?> decoder = (Decoder.BinaryStream<?>) decoder(spec, null, ByteBuffer.allocate(0));
        try {
            return decoder.decode(new MessageInputStream(message));
        } catch (DecodeException | InboundMessage.MessageAbortedException e) {
            throw e;
        } catch (Exception e) {
            throw new DecodeException((ByteBuffer) null, spec.name() + " failed: " + e, e);
        }
    }

    private Object decoder(CodecSpec spec, String text, ByteBuffer bytes) throws DecodeException {
        try {
            return codecs.instance(spec);
        } catch (SessionCodecs.CodecUnavailableException e) {
            throw text != null ? new DecodeException(text, e.getMessage(), e.getCause())
                    : new DecodeException(bytes.duplicate(), e.getMessage(), e.getCause());
        }
    }

    private static String names(Registration r) {
        StringBuilder s = new StringBuilder();
        for (CodecSpec spec : r.decoders()) {
            s.append(s.length() == 0 ? "" : ", ").append(spec.name());
        }
        return s.toString();
    }

    static byte[] toArray(ByteBuffer data) {
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0 && data.remaining() == data.array().length) {
            return data.array();
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
