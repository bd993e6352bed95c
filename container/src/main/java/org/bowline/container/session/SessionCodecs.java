package org.bowline.container.session;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

/**
 * The encoders and decoders of one session, as its {@link EndpointConfig} lists them.
 *
 * <p>Each codec class gets one instance per session (Jakarta WebSocket 2.2, section 4.1.2/4.1.3:
 * "per endpoint instance per connection"), created with its public no-arg constructor and
 * {@code init}ed the first time the session needs it, from whichever thread that is; every
 * instance created is {@code destroy}ed once, after the endpoint's onClose. Creating lazily keeps
 * application code off the I/O thread that builds the session and costs nothing for codecs a
 * session never uses.
 */
final class SessionCodecs {

    private static final System.Logger LOG = System.getLogger(SessionCodecs.class.getName());

    /** Says why a codec could not be created; the caller turns it into a Decode/EncodeException. */
    static final class CodecUnavailableException extends Exception {
        CodecUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EndpointConfig config;
    private final List<CodecSpec> decoders;
    private final List<CodecSpec> encoders;
    /**
     * The encoder for each runtime class sent so far; Optional-like: NONE when there is none. Null
     * when the configuration lists no encoders, as most do: then there is nothing to remember.
     */
    private final Map<Class<?>, CodecSpec> encoderByClass;
    private static final CodecSpec NONE = new CodecSpec(Object.class, Object.class, CodecSpec.Form.TEXT);

    /** The codec instances created so far, in creation order; null until the first. Guarded by this. */
    private Map<Class<?>, Object> instances;
    private boolean destroyed;

    SessionCodecs(EndpointConfig configOrNull) {
        this.config = configOrNull;
        List<CodecSpec> d = new ArrayList<>();
        List<CodecSpec> e = new ArrayList<>();
        if (configOrNull != null) {
            for (Class<? extends Decoder> c : nonNull(configOrNull.getDecoders())) {
                CodecSpec spec = inspect(() -> CodecSpec.ofDecoder(c));
                if (spec != null) {
                    d.add(spec);
                }
            }
            for (Class<? extends Encoder> c : nonNull(configOrNull.getEncoders())) {
                CodecSpec spec = inspect(() -> CodecSpec.ofEncoder(c));
                if (spec != null) {
                    e.add(spec);
                }
            }
        }
        this.decoders = List.copyOf(d);
        this.encoders = List.copyOf(e);
        this.encoderByClass = encoders.isEmpty() ? null : new ConcurrentHashMap<>();
    }

    /** The decoders whose objects are {@code type}s, in configuration order. */
    List<CodecSpec> decodersFor(Class<?> type) {
        List<CodecSpec> matching = new ArrayList<>(2);
        for (CodecSpec spec : decoders) {
            if (type.isAssignableFrom(spec.type())) {
                matching.add(spec);
            }
        }
        return matching;
    }

    /**
     * The encoder for objects of class {@code c}: of those whose type c is assignable to, the one
     * with the most specific type (the first in configuration order among equals); null if none.
     */
    CodecSpec encoderFor(Class<?> c) {
        if (encoderByClass == null) {
            return null;
        }
        CodecSpec spec = encoderByClass.get(c);
        if (spec == null) {
            // Looked up first: computeIfAbsent would cost a method reference on every send.
            spec = encoderByClass.computeIfAbsent(c, this::chooseEncoder);
        }
        return spec == NONE ? null : spec;
    }

    private CodecSpec chooseEncoder(Class<?> c) {
        CodecSpec best = null;
        for (CodecSpec spec : encoders) {
            if (spec.type().isAssignableFrom(c)
                    && (best == null || (best.type() != spec.type() && best.type().isAssignableFrom(spec.type())))) {
                best = spec;
            }
        }
        return best == null ? NONE : best;
    }

    /** This session's instance of the codec, created and initialized on first use. */
    synchronized Object instance(CodecSpec spec) throws CodecUnavailableException {
        if (destroyed) {
            throw new CodecUnavailableException("The session is closed; its " + spec.name() + " was destroyed", null);
        }
        Object codec = instances == null ? null : instances.get(spec.codecClass());
        if (codec != null) {
            return codec;
        }
        try {
            codec = spec.codecClass().getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new CodecUnavailableException("The constructor of " + spec.name() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CodecUnavailableException("Cannot create " + spec.name()
                    + ": it needs a public no-argument constructor (" + e + ")", e);
        }
        try {
            if (codec instanceof Decoder decoder) {
                decoder.init(config);
            } else {
                ((Encoder) codec).init(config);
            }
        } catch (RuntimeException e) {
            throw new CodecUnavailableException("init of " + spec.name() + " threw " + e, e);
        }
        if (instances == null) {
            instances = new LinkedHashMap<>();
        }
        instances.put(spec.codecClass(), codec);
        return codec;
    }

    /** Destroys every instance this session created; later uses fail. Runs after onClose. */
    void destroy() {
        List<Object> created;
        synchronized (this) {
            if (destroyed) {
                return;
            }
            destroyed = true;
            if (instances == null) {
                return;
            }
            created = new ArrayList<>(instances.values());
            instances = null;
        }
        for (Object codec : created) {
            try {
                if (codec instanceof Decoder decoder) {
                    decoder.destroy();
                } else {
                    ((Encoder) codec).destroy();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "destroy of " + codec.getClass().getName() + " threw", e);
            }
        }
    }

    private static CodecSpec inspect(java.util.function.Supplier<CodecSpec> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            // Deployment should have refused such a class; here it is left out rather than
            // taking the session down.
            LOG.log(System.Logger.Level.WARNING, "Ignoring unusable codec: {0}", e.getMessage());
            return null;
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? Collections.emptyList() : list;
    }
}
