package org.bowline.container.session;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

/**
 * What an encoder or decoder class is, found once per class: the Java type it converts and
 * which of the four forms (text, text stream, binary, binary stream) it implements.
 *
 * @param type the T of {@code Encoder.Text<T>} and the like, resolved through the class hierarchy
 */
record CodecSpec(Class<?> codecClass, Class<?> type, Form form) {

    /** The four shapes of encoder and decoder in the Jakarta API. */
    enum Form {
        TEXT(true, false), TEXT_STREAM(true, true), BINARY(false, false), BINARY_STREAM(false, true);

        final boolean text;
        final boolean stream;

        Form(boolean text, boolean stream) {
            this.text = text;
            this.stream = stream;
        }
    }

    private static final ClassValue<CodecSpec> DECODERS = new ClassValue<>() {
        @Override
        protected CodecSpec computeValue(Class<?> c) {
            return inspect(c, true);
        }
    };

    private static final ClassValue<CodecSpec> ENCODERS = new ClassValue<>() {
        @Override
        protected CodecSpec computeValue(Class<?> c) {
            return inspect(c, false);
        }
    };

    static CodecSpec ofDecoder(Class<? extends Decoder> decoderClass) {
        return DECODERS.get(decoderClass);
    }

    static CodecSpec ofEncoder(Class<? extends Encoder> encoderClass) {
        return ENCODERS.get(encoderClass);
    }

    private static CodecSpec inspect(Class<?> c, boolean decoder) {
        Class<?>[] interfaces = decoder
                ? new Class<?>[] {Decoder.Text.class, Decoder.TextStream.class, Decoder.Binary.class, Decoder.BinaryStream.class}
                : new Class<?>[] {Encoder.Text.class, Encoder.TextStream.class, Encoder.Binary.class, Encoder.BinaryStream.class};
        Form[] forms = Form.values();
        for (int i = 0; i < interfaces.length; i++) {
            if (interfaces[i].isAssignableFrom(c)) {
                Class<?> type = GenericTypes.typeArgument(c, interfaces[i]);
                if (type == null) {
                    throw new IllegalArgumentException((decoder ? "Decoder " : "Encoder ") + c.getName()
                            + " does not fix the type parameter of " + interfaces[i].getName().replace('$', '.'));
                }
                return new CodecSpec(c, type, forms[i]);
            }
        }
        throw new IllegalArgumentException(c.getName() + " implements none of "
                + (decoder ? "Decoder" : "Encoder") + ".Text, .TextStream, .Binary, .BinaryStream");
    }

    String name() {
        return codecClass.getName();
    }
}
