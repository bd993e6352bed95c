package org.bowline.container.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.websocket.DecodeException;

import org.junit.jupiter.api.Test;

/**
 * {@code @PathParam} values (Jakarta WebSocket 2.2 section 4.3 and the PathParam Javadoc): String,
 * primitives and wrappers converted from the path segment; a name the path lacks is null; a value
 * that does not convert is a DecodeException.
 */
class PathParamConversionTest {

    private static Object convert(Class<?> type, String value) throws DecodeException {
        return PathParamConverter.of("p", type).convert(Map.of("p", value));
    }

    @Test
    void section4_3_primitivesAndWrappersAreConverted() throws DecodeException {
        assertEquals(42, convert(int.class, "42"));
        assertEquals(-7L, convert(Long.class, "-7"));
        assertEquals((short) 3, convert(short.class, "3"));
        assertEquals((byte) 1, convert(Byte.class, "1"));
        assertEquals(12.34, convert(double.class, "12.34"));
        assertEquals(56.78f, convert(Float.class, "56.78"));
        assertEquals(true, convert(boolean.class, "true"));
        assertEquals(false, convert(Boolean.class, "FALSE"));
        assertEquals('0', convert(char.class, "0"));
        assertEquals("1234567890", convert(String.class, "1234567890"));
    }

    @Test
    void pathParamJavadoc_aNameThePathLacksIsNull() throws DecodeException {
        assertNull(PathParamConverter.of("missing", String.class).convert(Map.of("p", "x")));
        assertNull(PathParamConverter.of("missing", Integer.class).convert(Map.of()));
    }

    /** A name written as the template writes the variable, {@code "{p}"}, is the variable p (no name holds braces). */
    @Test
    void section3_1_1_aNameWrittenInTemplateBracesNamesThatVariable() throws DecodeException {
        PathParamConverter braced = PathParamConverter.of("{p}", Boolean.class);
        assertEquals("p", braced.name());
        assertEquals(Boolean.FALSE, braced.convert(Map.of("p", "false")));
        assertEquals(Boolean.TRUE, braced.convert(Map.of("p", "true")));
        assertNull(PathParamConverter.of("{q}", Boolean.class).convert(Map.of("p", "false")));
    }

    @Test
    void section4_3_aValueThatDoesNotConvertIsADecodeException() {
        DecodeException e = assertThrows(DecodeException.class, () -> convert(int.class, "abc"));
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains("abc"), e.getMessage());
        assertEquals("abc", e.getText());
        assertThrows(DecodeException.class, () -> convert(boolean.class, "yes"));
        assertThrows(DecodeException.class, () -> convert(char.class, "ab"));
        assertThrows(DecodeException.class, () -> convert(byte.class, "300"));
        DecodeException missing = assertThrows(DecodeException.class,
                () -> PathParamConverter.of("n", long.class).convert(Map.of()));
        assertTrue(missing.getMessage().contains("'n'"), missing.getMessage());
    }

    @Test
    void onlyStringPrimitivesAndWrappersAreSupported() {
        assertTrue(PathParamConverter.supports(String.class));
        assertTrue(PathParamConverter.supports(char.class));
        assertFalse(PathParamConverter.supports(StringBuilder.class));
        assertFalse(PathParamConverter.supports(Object.class));
    }
}
