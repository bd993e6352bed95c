package org.bowline.container.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/**
 * What {@code sendObject} sends for an object: the session's encoder for its class when there
 * is one (the most specific, see {@link SessionCodecs#encoderFor}); otherwise strings and the
 * primitive wrappers go as text and byte arrays and buffers as binary (Jakarta WebSocket 2.2,
 * section 2.1.2); anything else is an {@link EncodeException} naming the class.
 *
 * <p>Encoders run on the sending thread. Failures of an encoder other than EncodeException and
 * IOException come out as an EncodeException that names the encoder, with the cause kept.
 */
final class ObjectEncoding {

    /** A message ready to send: text (UTF-8 encoded) or binary. */
    record Encoded(boolean text, ByteBuffer payload) {
    }

    private final SessionCodecs codecs;

    ObjectEncoding(SessionCodecs codecs) {
        this.codecs = codecs;
    }

    /** Whether the object is a String that no encoder of the session claims: it is sent as it is. */
    boolean isPlainText(Object data) {
        return data instanceof String && codecs.encoderFor(String.class) == null;
    }

    /** The stream encoder for the object, or null when it is sent whole. */
    CodecSpec streamEncoder(Object data) {
        CodecSpec spec = codecs.encoderFor(notNull(data).getClass());
        return spec != null && spec.form().stream ? spec : null;
    }

    /** Encodes to one whole message; stream encoders write into memory. */
    Encoded encode(Object data) throws EncodeException, IOException {
        CodecSpec spec = codecs.encoderFor(notNull(data).getClass());
        if (spec == null) {
            return builtIn(data);
        }
        return switch (spec.form()) {
            case TEXT -> new Encoded(true, utf8(spec, encodeText(spec, data)));
            case BINARY -> new Encoded(false, encodeBinary(spec, data));
            case TEXT_STREAM -> {
                StringWriter out = new StringWriter();
                encodeTo(spec, data, out, null);
                yield new Encoded(true, ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
            }
            case BINARY_STREAM -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encodeTo(spec, data, null, out);
                yield new Encoded(false, ByteBuffer.wrap(out.toByteArray()));
            }
        };
    }

    /** Runs a stream encoder into a Writer (text stream) or OutputStream (binary stream). */
    @SuppressWarnings("unchecked")
    void encodeTo(CodecSpec spec, Object data, Writer writer, OutputStream stream) throws EncodeException, IOException {
        Object encoder = instance(spec, data);
        try {
            if (spec.form() == CodecSpec.Form.TEXT_STREAM) {
                ((Encoder.TextStream<Object>) encoder).encode(data, writer);
            } else {
                ((Encoder.BinaryStream<Object>) encoder).encode(data, stream);
            }
        } catch (EncodeException | IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(spec, data, e);
        }
    }

    @SuppressWarnings("unchecked")
    private String encodeText(CodecSpec spec, Object data) throws EncodeException {
        Object encoder = instance(spec, data);
        try {
            return ((Encoder.Text<Object>) encoder).encode(data);
        } catch (EncodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(spec, data, e);
        }
    }

    @SuppressWarnings("unchecked")
    private ByteBuffer encodeBinary(CodecSpec spec, Object data) throws EncodeException {
        Object encoder = instance(spec, data);
        ByteBuffer result;
        try {
            result = ((Encoder.Binary<Object>) encoder).encode(data);
        } catch (EncodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(spec, data, e);
        }
        if (result == null) {
            throw new EncodeException(data, spec.name() + " returned null");
        }
        return result;
    }

    private Object instance(CodecSpec spec, Object data) throws EncodeException {
        try {
            return codecs.instance(spec);
        } catch (SessionCodecs.CodecUnavailableException e) {
            throw new EncodeException(data, e.getMessage(), e.getCause());
        }
    }

    private static ByteBuffer utf8(CodecSpec spec, String text) throws EncodeException {
        if (text == null) {
            throw new EncodeException(null, spec.name() + " returned null");
        }
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static EncodeException failed(CodecSpec spec, Object data, RuntimeException e) {
        return new EncodeException(data, spec.name() + " failed: " + e, e);
    }

    private static Encoded builtIn(Object data) throws EncodeException {
        if (data instanceof ByteBuffer buffer) {
            return new Encoded(false, buffer);
        }
        if (data instanceof byte[] bytes) {
            return new Encoded(false, ByteBuffer.wrap(bytes));
        }
        if (data instanceof String || data instanceof Boolean || data instanceof Character || data instanceof Byte
                || data instanceof Short || data instanceof Integer || data instanceof Long || data instanceof Float
                || data instanceof Double) {
            return new Encoded(true, ByteBuffer.wrap(data.toString().getBytes(StandardCharsets.UTF_8)));
        }
        throw new EncodeException(data, "No encoder for " + data.getClass().getName()
                + ": register an Encoder for it in the endpoint configuration");
    }

    private static Object notNull(Object data) {
        if (data == null) {
            throw new IllegalArgumentException("sendObject: the object to send must not be null");
        }
        return data;
    }
}
