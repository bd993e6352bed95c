package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.websocket.DecodeException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, section 2.1.3: text messages reach handlers of the primitive wrappers
 * (and of the primitive classes themselves) converted, without a decoder; text that is not a
 * value of the type is a DecodeException for onError, and the session carries on.
 */
class PrimitiveMessageTest {

    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();
    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    private <T> SessionHarness handling(Class<T> type) {
        Consumer<Session> register = s -> s.addMessageHandler(type, (MessageHandler.Whole<T>) delivered::add);
        return new SessionHarness(config, register);
    }

    private Object nextDelivered() throws InterruptedException {
        Object o = delivered.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "nothing delivered in time");
        return o;
    }

    private void expect(Class<?> type, String text, Object value) throws Exception {
        try (SessionHarness h = handling(type)) {
            h.text(text);
            assertEquals(value, nextDelivered());
        }
    }

    @Test
    void eachWrapperTypeGetsTheTextConverted() throws Exception {
        expect(Boolean.class, "true", Boolean.TRUE);
        expect(Byte.class, "-7", (byte) -7);
        expect(Character.class, "é", 'é');
        expect(Short.class, "1234", (short) 1234);
        expect(Integer.class, "-123456", -123456);
        expect(Long.class, "9007199254740993", 9007199254740993L);
        expect(Float.class, "1.5", 1.5f);
        expect(Double.class, "-2.25e3", -2250.0d);
    }

    @Test
    void thePrimitiveClassesWorkLikeTheirWrappers() throws Exception {
        expect(int.class, "42", 42);
        expect(boolean.class, "FALSE", Boolean.FALSE);
        expect(char.class, "z", 'z');
        expect(double.class, "0.5", 0.5d);
    }

    /** Section 4.7 (TCK clientendpointonmessage echoChar*): a char handler fed longer text gets its first character. */
    @Test
    void aCharacterHandlerGetsTheFirstCharacterOfLongerText() throws Exception {
        expect(Character.class, "Echar", 'E');
        expect(char.class, "\u00e9t\u00e9", '\u00e9');
    }

    @Test
    void textThatIsNotAValueIsADecodeExceptionAndTheSessionStaysOpen() throws Exception {
        try (SessionHarness h = handling(Integer.class)) {
            h.text("forty-two");
            Throwable t = h.nextError();
            assertTrue(t instanceof DecodeException, String.valueOf(t));
            assertEquals("forty-two", ((DecodeException) t).getText());
            h.text("42");
            assertEquals(42, nextDelivered());
            h.assertStillWorking();
        }
        try (SessionHarness h = handling(Character.class)) {
            h.text("");
            assertTrue(h.nextError() instanceof DecodeException, "empty text has no character");
            h.text("1");
            assertEquals('1', nextDelivered());
        }
        try (SessionHarness h = handling(Boolean.class)) {
            h.text("yes");
            assertTrue(h.nextError() instanceof DecodeException);
            assertTrue(h.session.isOpen());
        }
    }
}
