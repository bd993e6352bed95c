package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.RemoteEndpoint;

import org.junit.jupiter.api.Test;

/** How {@link MessageParts} cuts a blocking write, against a remote that records each send. */
class MessagePartsTest {

    /** One send: the method, its payload, and its isLast flag (null for a whole message). */
    private record Send(String method, Object payload, Boolean last) {
        int size() {
            return payload instanceof ByteBuffer b ? b.remaining() : ((String) payload).length();
        }
    }

    private final List<Send> sends = new ArrayList<>();
    /** The send with this index throws, if >= 0. */
    private int failAt = -1;

    private final RemoteEndpoint.Basic remote = (RemoteEndpoint.Basic) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                if (sends.size() == failAt) {
                    throw new SocketTimeoutException("the peer does not read");
                }
                sends.add(new Send(method.getName(), args[0], args.length > 1 ? (Boolean) args[1] : null));
                return null;
            });

    @Test
    void aMessageUnderHalfTheOutboundLimitGoesWhole() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(MessageParts.WHOLE_MAX_BYTES);
        MessageParts.sendBinary(remote, data);
        assertEquals(List.of(new Send("sendBinary", data, null)), sends);
    }

    @Test
    void aLargerMessageGoesInPartsOfTheHighWaterMarkAndThePositionStays() throws IOException {
        byte[] bytes = new byte[3 * MessageParts.PART_BYTES + 10];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, 5, bytes.length - 5);
        MessageParts.sendBinary(remote, data);
        assertEquals(4, sends.size());
        ByteBuffer joined = ByteBuffer.allocate(bytes.length - 5);
        for (int i = 0; i < sends.size(); i++) {
            Send part = sends.get(i);
            assertEquals("sendBinary", part.method());
            assertEquals(i == 3, part.last(), "only the last part ends the message");
            assertTrue(part.size() <= MessageParts.PART_BYTES);
            joined.put((ByteBuffer) part.payload());
        }
        assertEquals(ByteBuffer.wrap(bytes, 5, bytes.length - 5), joined.flip());
        assertEquals(5, data.position(), "the caller's buffer is left as it was");
    }

    @Test
    void aLongTextGoesInPartsThatNeverSplitASurrogatePair() throws IOException {
        String text = "a" + "\uD83D\uDE00".repeat(MessageParts.WHOLE_MAX_BYTES); // emoji: 2 chars, 4 bytes each
        MessageParts.sendText(remote, text);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < sends.size(); i++) {
            Send part = sends.get(i);
            String s = (String) part.payload();
            assertEquals("sendText", part.method());
            assertEquals(i == sends.size() - 1, part.last());
            assertTrue(s.getBytes(StandardCharsets.UTF_8).length <= MessageParts.PART_BYTES);
            assertFalse(Character.isHighSurrogate(s.charAt(s.length() - 1)), "part " + i + " ends in a pair's half");
            joined.append(s);
        }
        assertTrue(sends.size() > 1);
        assertEquals(text, joined.toString());
    }

    @Test
    void aShortTextGoesWhole() throws IOException {
        MessageParts.sendText(remote, "hello");
        assertEquals(List.of(new Send("sendText", "hello", null)), sends);
    }

    @Test
    void aFailureOfTheFirstPartIsTheSendsOwnAndALaterOneSaysTheMessageWasCutShort() {
        ByteBuffer data = ByteBuffer.allocate(4 * MessageParts.PART_BYTES);
        failAt = 0;
        IOException first = assertThrows(IOException.class, () -> MessageParts.sendBinary(remote, data));
        assertInstanceOf(SocketTimeoutException.class, first, "nothing of the message went out");
        failAt = 2;
        MessageParts.CutShort later = assertThrows(MessageParts.CutShort.class,
                () -> MessageParts.sendBinary(remote, data));
        assertInstanceOf(SocketTimeoutException.class, later.getCause());
    }
}
