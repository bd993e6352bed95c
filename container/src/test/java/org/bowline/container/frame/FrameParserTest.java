package org.bowline.container.frame;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    private static final int KEY = 0x37FA213D;

    private final RecordingHandler handler = new RecordingHandler();

    private static RawFrame client(int opcode, boolean fin, byte[] payload) {
        return RawFrame.of(opcode, fin, payload).masked(KEY);
    }

    private static RawFrame client(int opcode, boolean fin, String text) {
        return client(opcode, fin, text.getBytes(UTF_8));
    }

    private static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    private FrameParser server() {
        return new FrameParser(Role.SERVER, handler);
    }

    private static void parse(FrameParser parser, byte[] bytes) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(bytes.clone());
        parser.parse(in);
        assertFalse(in.hasRemaining(), "parse must consume all bytes");
    }

    /** Feeds one byte at a time; the failure must come at or before {@code byteIndex}. */
    private static ProtocolException failAt(FrameParser parser, byte[] bytes, int byteIndex) {
        for (int i = 0; i < byteIndex; i++) {
            int at = i;
            try {
                parser.parse(ByteBuffer.wrap(new byte[] {bytes[at]}));
            } catch (ProtocolException e) {
                throw new AssertionError("failed early, at byte " + i + ": " + e.getMessage(), e);
            }
        }
        return assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.wrap(new byte[] {bytes[byteIndex]})));
    }

    private ProtocolException fails(int code, FrameParser parser, byte[] bytes) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.wrap(bytes.clone())));
        assertEquals(code, e.closeCode(), e.getMessage());
        assertTrue(e.getMessage().getBytes(UTF_8).length < 123, "reason must fit a close frame");
        return e;
    }

    // ---- section 5.2: basic delivery and length encodings ----

    @Test
    void rfcExampleMaskedHelloIsUnmasked() throws Exception {
        // RFC 6455 section 5.7: a masked text frame "Hello".
        byte[] wire = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        parse(server(), wire);
        assertEquals(List.of("start op=1 fin=true rsv=0 len=5", "data 48656c6c6f", "end fin=true"), handler.events);
    }

    @Test
    void rfcExampleUnmaskedHelloForClientRole() throws Exception {
        byte[] wire = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
        parse(new FrameParser(Role.CLIENT, handler), wire);
        assertEquals(List.of("start op=1 fin=true rsv=0 len=5", "data 48656c6c6f", "end fin=true"), handler.events);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 0xFFFF, 0x10000, 100_003})
    void lengthsUseSevenSixteenAndSixtyFourBitForms(int length) throws Exception {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        byte[] wire = client(Opcode.BINARY, true, payload).encode();
        int expectedHeader = length <= 125 ? 6 : length <= 0xFFFF ? 8 : 14;
        assertEquals(expectedHeader + length, wire.length);
        parse(server(), wire);
        assertEquals(List.of("start op=2 fin=true rsv=0 len=" + length,
                "data " + java.util.HexFormat.of().formatHex(payload), "end fin=true"), handler.events);
    }

    @Test
    void nonMinimalLengthEncodingsAreAccepted() throws Exception {
        byte[] wire = RawFrame.concat(
                client(Opcode.TEXT, true, "abc").lengthForm(RawFrame.LengthForm.SIXTEEN),
                client(Opcode.BINARY, true, "xyz").lengthForm(RawFrame.LengthForm.SIXTY_FOUR),
                client(Opcode.PING, true, "p").lengthForm(RawFrame.LengthForm.SIXTEEN));
        parse(server(), wire);
        assertEquals(List.of("start op=1 fin=true rsv=0 len=3", "data 616263", "end fin=true",
                "start op=2 fin=true rsv=0 len=3", "data 78797a", "end fin=true", "control op=9 70"), handler.events);
    }

    @Test
    void zeroLengthDataFrameGetsStartAndEndWithoutPayloadCall() throws Exception {
        parse(server(), RawFrame.concat(client(Opcode.TEXT, false, ""), client(Opcode.CONTINUATION, true, "")));
        assertEquals(0, handler.payloadCalls);
        assertEquals(List.of("start op=1 fin=false rsv=0 len=0", "data ", "end fin=false",
                "start op=0 fin=true rsv=0 len=0", "data ", "end fin=true"), handler.events);
    }

    @Test
    void dataPayloadIsStreamedBeforeTheFrameIsComplete() throws Exception {
        FrameParser parser = server();
        byte[] wire = client(Opcode.BINARY, true, new byte[1000]).encode();
        parser.parse(ByteBuffer.wrap(Arrays.copyOf(wire, 8 + 300)));
        assertEquals(1, handler.payloadCalls);
        assertEquals(List.of("start op=2 fin=true rsv=0 len=1000"), handler.events);
        parser.parse(ByteBuffer.wrap(Arrays.copyOfRange(wire, 8 + 300, wire.length)));
        assertEquals("end fin=true", handler.events.get(handler.events.size() - 1));
    }

    @Test
    void payloadIsUnmaskedInPlaceInTheCallersBuffer() throws Exception {
        byte[] wire = client(Opcode.BINARY, true, "hello world").encode();
        server().parse(ByteBuffer.wrap(wire));
        assertEquals("hello world", new String(wire, 6, 11, UTF_8));
    }

    @Test
    void directAndLittleEndianBuffersAreUnmaskedCorrectly() throws Exception {
        byte[] payload = new byte[77];
        new Random(3).nextBytes(payload);
        byte[] wire = client(Opcode.BINARY, true, payload).encode();
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length + 10).order(ByteOrder.LITTLE_ENDIAN);
        direct.position(5);
        direct.put(wire).flip().position(5);
        server().parse(direct);
        assertEquals("data " + java.util.HexFormat.of().formatHex(payload), handler.events.get(1));
    }

    // ---- chunking ----

    private static byte[] mixedStream() {
        Random r = new Random(42);
        byte[] big = new byte[70_000];
        r.nextBytes(big);
        return RawFrame.concat(
                client(Opcode.TEXT, true, "héllo wörld 𝄞"),
                client(Opcode.BINARY, false, Arrays.copyOf(big, 300)).masked(0x01020304),
                client(Opcode.PING, true, "ping"),
                client(Opcode.CONTINUATION, false, Arrays.copyOf(big, 7)).masked(0xFFFFFFFF),
                client(Opcode.PONG, true, ""),
                client(Opcode.CONTINUATION, true, big).masked(0x80000001),
                client(Opcode.TEXT, true, ""),
                client(Opcode.CLOSE, true, closePayload(1000, "bye".getBytes(UTF_8))));
    }

    private static List<String> eventsFor(byte[] stream, int[] cuts, boolean direct) throws ProtocolException {
        RecordingHandler h = new RecordingHandler();
        FrameParser parser = new FrameParser(Role.SERVER, h);
        byte[] copy = stream.clone();
        ByteBuffer whole = direct ? ByteBuffer.allocateDirect(copy.length).put(copy).flip() : ByteBuffer.wrap(copy);
        int from = 0;
        for (int cut : cuts) {
            ByteBuffer chunk = whole.duplicate();
            chunk.limit(cut).position(from);
            parser.parse(chunk);
            assertFalse(chunk.hasRemaining());
            from = cut;
        }
        return h.events;
    }

    @Test
    void everyChunkingYieldsTheSameEvents() throws Exception {
        byte[] stream = mixedStream();
        List<String> whole = eventsFor(stream, new int[] {stream.length}, false);
        assertEquals(18, whole.size());

        int[] oneByte = new int[stream.length];
        for (int i = 0; i < stream.length; i++) {
            oneByte[i] = i + 1;
        }
        assertEquals(whole, eventsFor(stream, oneByte, false));
        assertEquals(whole, eventsFor(stream, oneByte, true));

        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            int[] cuts = r.ints(r.nextInt(40), 0, stream.length).sorted().distinct().toArray();
            cuts = Arrays.copyOf(cuts, cuts.length + 1);
            cuts[cuts.length - 1] = stream.length;
            assertEquals(whole, eventsFor(stream, cuts, round % 2 == 0), "cuts " + Arrays.toString(cuts));
        }
    }

    // ---- section 5.5: control frames ----

    @Test
    void controlFramesMayArriveBetweenFragments() throws Exception {
        FrameParser parser = server();
        parse(parser, RawFrame.concat(
                client(Opcode.TEXT, false, "Hel"),
                client(Opcode.PING, true, "a"),
                client(Opcode.CONTINUATION, false, "l"),
                client(Opcode.PONG, true, "b"),
                client(Opcode.CLOSE, true, closePayload(1001, new byte[0]))));
        assertTrue(parser.inFragmentedMessage());
        parse(parser, client(Opcode.CONTINUATION, true, "o").encode());
        assertFalse(parser.inFragmentedMessage());
        assertEquals(List.of("start op=1 fin=false rsv=0 len=3", "data 48656c", "end fin=false",
                "control op=9 61",
                "start op=0 fin=false rsv=0 len=1", "data 6c", "end fin=false",
                "control op=10 62", "control op=8 03e9",
                "start op=0 fin=true rsv=0 len=1", "data 6f", "end fin=true"), handler.events);
    }

    @Test
    void controlFrameWithFinClearedIsProtocolError() {
        byte[] wire = client(Opcode.PING, false, "x").encode();
        assertEquals(1002, failAt(server(), wire, 0).closeCode());
    }

    @Test
    void controlFramePayloadOver125IsProtocolErrorBeforeThePayload() {
        byte[] header = client(Opcode.PING, true, new byte[126]).encodeHeader();
        ProtocolException e = fails(1002, server(), header);
        assertTrue(e.getMessage().contains("125"));
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void controlFrameOf125BytesIsAccepted() throws Exception {
        parse(server(), client(Opcode.PONG, true, new byte[125]).encode());
        assertEquals(1, handler.events.size());
    }

    // ---- section 5.2: reserved bits and opcodes ----

    @ParameterizedTest
    @ValueSource(ints = {FrameHeader.RSV1, FrameHeader.RSV2, FrameHeader.RSV3})
    void reservedBitWithoutExtensionIsProtocolErrorAtFirstByte(int bit) {
        byte[] wire = client(Opcode.TEXT, true, "x").rsv(bit).encode();
        assertEquals(1002, failAt(server(), wire, 0).closeCode());
    }

    @Test
    void allowedRsv1IsReportedOnTheFirstFrameOfAMessage() throws Exception {
        FrameParser parser = server();
        parser.setAllowedRsv(FrameHeader.RSV1);
        parse(parser, RawFrame.concat(client(Opcode.BINARY, false, "a").rsv(FrameHeader.RSV1),
                client(Opcode.CONTINUATION, true, "b")));
        assertEquals("start op=2 fin=false rsv=40 len=1", handler.events.get(0));
        assertEquals("start op=0 fin=true rsv=0 len=1", handler.events.get(3));
    }

    @Test
    void rsv1OnContinuationIsProtocolErrorEvenWhenNegotiated() {
        FrameParser parser = server();
        parser.setAllowedRsv(FrameHeader.RSV1);
        byte[] wire = RawFrame.concat(client(Opcode.TEXT, false, "a").rsv(FrameHeader.RSV1),
                client(Opcode.CONTINUATION, true, "b").rsv(FrameHeader.RSV1));
        fails(1002, parser, wire);
    }

    @Test
    void rsv1OnControlFrameIsProtocolErrorEvenWhenNegotiated() {
        FrameParser parser = server();
        parser.setAllowedRsv(FrameHeader.RSV1);
        fails(1002, parser, client(Opcode.PING, true, "").rsv(FrameHeader.RSV1).encode());
    }

    @Test
    void rsvBitsNotNegotiatedStayForbidden() {
        FrameParser parser = server();
        parser.setAllowedRsv(FrameHeader.RSV1);
        fails(1002, parser, client(Opcode.TEXT, true, "").rsv(FrameHeader.RSV1 | FrameHeader.RSV2).encode());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodeIsProtocolErrorAtFirstByte(int opcode) {
        byte[] wire = client(opcode, true, "x").encode();
        ProtocolException e = failAt(server(), wire, 0);
        assertEquals(1002, e.closeCode());
        assertTrue(e.getMessage().contains("opcode"));
    }

    // ---- section 5.4: fragmentation ----

    @Test
    void continuationWithoutStartedMessageIsProtocolError() {
        assertEquals(1002, failAt(server(), client(Opcode.CONTINUATION, true, "x").encode(), 0).closeCode());
    }

    @Test
    void continuationAfterFinishedMessageIsProtocolError() {
        byte[] wire = RawFrame.concat(client(Opcode.TEXT, false, "a"), client(Opcode.CONTINUATION, true, "b"),
                client(Opcode.CONTINUATION, true, "c"));
        fails(1002, server(), wire);
        assertEquals("end fin=true", handler.events.get(handler.events.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.TEXT, Opcode.BINARY})
    void newDataMessageInsideFragmentedMessageIsProtocolError(int opcode) {
        byte[] first = client(Opcode.BINARY, false, "a").encode();
        byte[] wire = RawFrame.concat(first, client(opcode, true, "b").encode());
        assertEquals(1002, failAt(server(), wire, first.length).closeCode());
    }

    // ---- section 5.1 / 5.3: masking direction ----

    @Test
    void serverRejectsUnmaskedFrameAtSecondByte() {
        byte[] wire = RawFrame.of(Opcode.TEXT, true, "x".getBytes(UTF_8)).encode();
        ProtocolException e = failAt(server(), wire, 1);
        assertEquals(1002, e.closeCode());
        assertTrue(e.getMessage().contains("unmasked"));
    }

    @Test
    void clientRejectsMaskedFrameAtSecondByte() {
        byte[] wire = client(Opcode.TEXT, true, "x").encode();
        ProtocolException e = failAt(new FrameParser(Role.CLIENT, handler), wire, 1);
        assertEquals(1002, e.closeCode());
        assertTrue(e.getMessage().contains("masked"));
    }

    // ---- lengths and limits ----

    @Test
    void sixtyFourBitLengthWithMostSignificantBitSetIsProtocolError() {
        RawFrame f = client(Opcode.BINARY, true, "");
        f.announcedLength = Long.MIN_VALUE + 5;
        byte[] header = f.encodeHeader();
        fails(1002, server(), header);
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void frameOverMaxFailsWith1009AtHeaderTimeBeforeAnyPayload() {
        FrameParser parser = server();
        parser.setMaxFramePayload(1000);
        RawFrame f = client(Opcode.BINARY, true, "");
        f.announcedLength = 1L << 40;
        ProtocolException e = fails(1009, parser, f.encodeHeader());
        assertTrue(e.getMessage().contains("limit"));
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void frameOfExactlyMaxIsAcceptedAndOneMoreIsNot() throws Exception {
        FrameParser parser = server();
        parser.setMaxFramePayload(1000);
        parse(parser, client(Opcode.BINARY, true, new byte[1000]).encode());
        fails(1009, parser, client(Opcode.BINARY, true, new byte[1001]).encodeHeader());
    }

    // ---- section 5.5.1 / 7.4: close frames ----

    @Test
    void closeWithoutPayloadAndWithValidCodesIsAccepted() throws Exception {
        parse(server(), RawFrame.concat(
                client(Opcode.CLOSE, true, new byte[0]),
                client(Opcode.CLOSE, true, closePayload(1000, new byte[0])),
                client(Opcode.CLOSE, true, closePayload(3000, "ok".getBytes(UTF_8))),
                client(Opcode.CLOSE, true, closePayload(4999, "ünïcødé 𝄞".getBytes(UTF_8)))));
        assertEquals(4, handler.events.size());
        assertEquals("control op=8 ", handler.events.get(0));
    }

    @Test
    void closePayloadOfOneByteIsProtocolError() {
        fails(1002, server(), client(Opcode.CLOSE, true, new byte[] {3}).encode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void closeCodeNotValidOnTheWireIsProtocolError(int code) {
        ProtocolException e = fails(1002, server(), client(Opcode.CLOSE, true, closePayload(code, new byte[0])).encode());
        assertTrue(e.getMessage().contains(Integer.toString(code)));
    }

    @Test
    void closeReasonNotValidUtf8IsInvalidPayload() {
        byte[] reason = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        fails(1007, server(), client(Opcode.CLOSE, true, closePayload(1000, reason)).encode());
    }

    @Test
    void closeReasonTruncatedInsideASequenceIsInvalidPayload() {
        byte[] reason = {'a', (byte) 0xE2, (byte) 0x82};
        fails(1007, server(), client(Opcode.CLOSE, true, closePayload(1000, reason)).encode());
    }

    // ---- failure behaviour ----

    @Test
    void parserRefusesInputAfterAProtocolError() {
        FrameParser parser = server();
        fails(1002, parser, client(3, true, "").encode());
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.wrap(client(Opcode.TEXT, true, "").encode())));
    }

    @Test
    void handlerExceptionsPropagateUnchangedAndFailTheParser() {
        ProtocolException fromHandler = new ProtocolException(1007, "bad text");
        RuntimeException bug = new IllegalArgumentException("handler bug");
        FrameHandler throwing = new FrameHandler() {
            @Override
            public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            }

            @Override
            public void onDataPayload(ByteBuffer payload) throws ProtocolException {
                throw fromHandler;
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                throw bug;
            }
        };
        FrameParser parser = new FrameParser(Role.SERVER, throwing);
        ByteBuffer in = ByteBuffer.wrap(client(Opcode.TEXT, true, "abc").encode());
        int limit = in.limit();
        assertSame(fromHandler, assertThrows(ProtocolException.class, () -> parser.parse(in)));
        assertEquals(limit, in.limit(), "the caller's limit is restored");
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(1)));

        FrameParser second = new FrameParser(Role.SERVER, throwing);
        assertSame(bug, assertThrows(IllegalArgumentException.class,
                () -> second.parse(ByteBuffer.wrap(client(Opcode.PING, true, "").encode()))));
        assertThrows(IllegalStateException.class, () -> second.parse(ByteBuffer.allocate(1)));
    }

    @Test
    void handlerMovingTheBufferDoesNotDisturbParsing() throws Exception {
        RecordingHandler inner = new RecordingHandler();
        FrameHandler greedy = new FrameHandler() {
            @Override
            public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
                inner.onDataFrameStart(opcode, fin, rsv, payloadLength);
            }

            @Override
            public void onDataPayload(ByteBuffer payload) {
                inner.onDataPayload(payload);
                payload.position(payload.limit()).limit(payload.position());
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
                inner.onDataFrameEnd(fin);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                inner.onControlFrame(opcode, payload);
                payload.position(payload.limit());
            }
        };
        FrameParser parser = new FrameParser(Role.SERVER, greedy);
        byte[] stream = mixedStream();
        parser.parse(ByteBuffer.wrap(stream.clone()));
        assertEquals(eventsFor(stream, new int[] {stream.length}, false), inner.events);
    }

    @Test
    void invalidSettingsAreRejected() {
        FrameParser parser = server();
        assertThrows(IllegalArgumentException.class, () -> parser.setAllowedRsv(0x80));
        assertThrows(IllegalArgumentException.class, () -> parser.setMaxFramePayload(-1));
    }
}
