package org.bowline.container.frame;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized robustness check of the server-role parser: valid masked frame streams get exactly one
 * kind of mutation, and the outcome must be exactly what RFC 6455 prescribes for that kind — the
 * right close code (1002, 1007 or 1009) with every message before the broken frame delivered intact,
 * or, for benign mutations, every message delivered intact. Any other exception fails the test.
 * Seeded and reproducible: a failure names the case seed.
 */
class FrameMutationTest {

    private static final long BASE_SEED = 0x5EED_6455L;
    private static final int CASES = 20_000;

    enum Kind {
        FLIP_RSV, RSV1_WITH_EXTENSION, RESERVED_OPCODE, CONTROL_WITHOUT_FIN, CONTROL_TOO_LONG, DROP_MASK,
        ORPHAN_CONTINUATION, NESTED_DATA_START, INVALID_UTF8, TRUNCATED_UTF8_AT_END, BAD_CLOSE_CODE,
        BAD_CLOSE_REASON, LENGTH_MSB_SET, TOO_BIG, TOO_BIG_ANNOUNCED, RECHUNK, FLIP_BINARY_PAYLOAD
    }

    /** What a case must produce: a close code and the index of the frame that breaks, or delivery (code 0). */
    private record Expectation(int closeCode, int failIndex) {
    }

    /** A mutated stream ready to parse. */
    private static final class Case {
        final List<RawFrame> frames;
        int allowedRsv;
        long maxFrame = Long.MAX_VALUE;
        /** The last frame is sent as a header only (its payload would be too big to send). */
        boolean lastIsHeaderOnly;

        Case(List<RawFrame> frames) {
            this.frames = frames;
        }
    }

    @Test
    void everyMutationGetsItsPrescribedOutcome() {
        Map<Kind, int[]> seen = new EnumMap<>(Kind.class);
        Map<Integer, int[]> codes = new java.util.TreeMap<>();
        for (int n = 0; n < CASES; n++) {
            long seed = BASE_SEED + n;
            Kind kind = Kind.values()[n % Kind.values().length];
            Random r = new Random(seed);
            Case c = new Case(validStream(r, kind));
            Expectation expected = mutate(kind, c, r);
            String where = "case seed " + seed + ", mutation " + kind + ", expected " + expected;

            List<String> delivered = new ArrayList<>();
            int code = run(c, r, delivered, where);

            assertEquals(expected.closeCode(), code, where);
            assertEquals(expectedEvents(c.frames, expected.failIndex()), delivered, where);
            seen.computeIfAbsent(kind, k -> new int[1])[0]++;
            codes.computeIfAbsent(code, k -> new int[1])[0]++;
        }
        assertEquals(Kind.values().length, seen.size());
        // The stream mix must really exercise every outcome, not mostly one.
        for (int outcome : new int[] {0, 1002, 1007, 1009}) {
            assertTrue(codes.containsKey(outcome) && codes.get(outcome)[0] >= CASES / 20, "outcome " + outcome + ": " + codes);
        }
    }

    // ---- running a case ----

    private static int run(Case c, Random r, List<String> delivered, String where) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < c.frames.size(); i++) {
            boolean headerOnly = c.lastIsHeaderOnly && i == c.frames.size() - 1;
            wire.writeBytes(headerOnly ? c.frames.get(i).encodeHeader() : c.frames.get(i).encode());
        }
        byte[] bytes = wire.toByteArray();
        FrameParser parser = new FrameParser(Role.SERVER, new MessageCollector(delivered));
        parser.setAllowedRsv(c.allowedRsv);
        parser.setMaxFramePayload(c.maxFrame);
        int chunking = r.nextInt(8);
        int from = 0;
        try {
            while (from < bytes.length) {
                int size = chunking == 0 ? bytes.length
                        : chunking == 1 && bytes.length < 3000 ? 1
                        : 1 + r.nextInt(chunking == 2 ? 3 : 64);
                int to = Math.min(bytes.length, from + size);
                parser.parse(ByteBuffer.wrap(bytes, from, to - from));
                from = to;
            }
        } catch (ProtocolException e) {
            assertTrue(e.getMessage().getBytes(UTF_8).length < 123, where);
            return e.closeCode();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + where, t);
        }
        return 0;
    }

    /** Assembles messages the way the session layer will, decoding text through {@link Utf8Decoder}. */
    private static final class MessageCollector implements FrameHandler {
        private final List<String> events;
        private final Utf8Decoder decoder = new Utf8Decoder();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private int type;
        private int rsv;

        MessageCollector(List<String> events) {
            this.events = events;
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int frameRsv, long payloadLength) {
            if (opcode != Opcode.CONTINUATION) {
                type = opcode;
                rsv = frameRsv;
                text.setLength(0);
                binary.reset();
            }
        }

        @Override
        public void onDataPayload(ByteBuffer payload) throws ProtocolException {
            if (type == Opcode.TEXT) {
                decoder.decode(payload, text);
            } else {
                binary.writeBytes(RecordingHandler.bytes(payload));
            }
        }

        @Override
        public void onDataFrameEnd(boolean fin) throws ProtocolException {
            if (!fin) {
                return;
            }
            if (type == Opcode.TEXT) {
                decoder.finish();
                events.add(render(type, rsv, text.toString()));
            } else {
                events.add(render(type, rsv, HexFormat.of().formatHex(binary.toByteArray())));
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            events.add("control " + opcode + " " + HexFormat.of().formatHex(RecordingHandler.bytes(payload)));
        }
    }

    private static String render(int type, int rsv, String content) {
        return (type == Opcode.TEXT ? "text" : "binary") + " rsv=" + rsv + " " + content;
    }

    /** The events a correct parser delivers for frames [0, upTo) of a stream that is valid up to there. */
    private static List<String> expectedEvents(List<RawFrame> frames, int upTo) {
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int type = 0;
        int rsv = 0;
        for (RawFrame f : frames.subList(0, upTo)) {
            if (Opcode.isControl(f.opcode)) {
                events.add("control " + f.opcode + " " + HexFormat.of().formatHex(f.payload));
                continue;
            }
            if (f.opcode != Opcode.CONTINUATION) {
                type = f.opcode;
                rsv = f.rsv;
                message.reset();
            }
            message.writeBytes(f.payload);
            if (f.fin) {
                byte[] b = message.toByteArray();
                events.add(render(type, rsv, type == Opcode.TEXT ? new String(b, UTF_8) : HexFormat.of().formatHex(b)));
            }
        }
        return events;
    }

    // ---- building valid streams ----

    private static final int[] VALID_CLOSE_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
        1014, 3000, 3999, 4000, 4999};
    private static final int[] INVALID_CLOSE_CODES = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000,
        9999, 65535};

    private static List<RawFrame> validStream(Random r, Kind kind) {
        List<RawFrame> frames = new ArrayList<>();
        int messages = 1 + r.nextInt(4);
        // Some mutations need a text, binary or fragmented message to work on: the first one provides it.
        for (int m = 0; m < messages; m++) {
            boolean first = m == 0;
            boolean text = first && (kind == Kind.INVALID_UTF8 || kind == Kind.TRUNCATED_UTF8_AT_END)
                    || !(first && kind == Kind.FLIP_BINARY_PAYLOAD) && r.nextBoolean();
            byte[] payload = text ? Utf8DecoderTest.randomText(r, r.nextInt(r.nextInt(10) == 0 ? 400 : 40)).getBytes(UTF_8)
                    : randomBytes(r, r.nextInt(30) == 0 ? 66_000 + r.nextInt(1000) : r.nextInt(r.nextInt(10) == 0 ? 2000 : 60));
            if (first && payload.length == 0) {
                payload = text ? "é".getBytes(UTF_8) : new byte[] {42};
            }
            int fragments = first && kind == Kind.NESTED_DATA_START ? 2 + r.nextInt(2) : 1 + r.nextInt(r.nextInt(3) + 1);
            int[] cuts = cuts(r, payload.length, fragments);
            for (int k = 0; k < fragments; k++) {
                byte[] part = java.util.Arrays.copyOfRange(payload, cuts[k], cuts[k + 1]);
                int opcode = k == 0 ? (text ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION;
                frames.add(dataOrControl(r, opcode, k == fragments - 1, part));
                if (r.nextInt(4) == 0) {
                    frames.add(randomPingOrPong(r));
                }
            }
        }
        if (r.nextInt(3) == 0) {
            int code = VALID_CLOSE_CODES[r.nextInt(VALID_CLOSE_CODES.length)];
            frames.add(dataOrControl(r, Opcode.CLOSE, true, closePayload(code, Utf8DecoderTest.randomText(r, r.nextInt(20))
                    .getBytes(UTF_8), 123)));
        }
        return frames;
    }

    private static RawFrame dataOrControl(Random r, int opcode, boolean fin, byte[] payload) {
        RawFrame f = RawFrame.of(opcode, fin, payload).masked(r.nextInt());
        int form = r.nextInt(10);
        // Non-minimal length encodings are legal input; use them now and then.
        f.lengthForm(form == 0 ? RawFrame.LengthForm.SIXTEEN : form == 1 ? RawFrame.LengthForm.SIXTY_FOUR : RawFrame.LengthForm.MINIMAL);
        if (payload.length > 0xFFFF) {
            f.lengthForm(RawFrame.LengthForm.MINIMAL);
        }
        return f;
    }

    private static RawFrame randomPingOrPong(Random r) {
        return dataOrControl(r, r.nextBoolean() ? Opcode.PING : Opcode.PONG, true, randomBytes(r, r.nextInt(126)));
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static int[] cuts(Random r, int length, int parts) {
        int[] cuts = new int[parts + 1];
        for (int k = 1; k < parts; k++) {
            cuts[k] = r.nextInt(length + 1);
        }
        cuts[parts] = length;
        java.util.Arrays.sort(cuts, 1, parts);
        return cuts;
    }

    /** Close payload with a reason cut to at most maxLength bytes in total (cut on a code point boundary). */
    private static byte[] closePayload(int code, byte[] reason, int maxLength) {
        String s = new String(reason, UTF_8);
        while (s.getBytes(UTF_8).length + 2 > maxLength) {
            s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
        }
        byte[] r = s.getBytes(UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    // ---- mutations ----

    /** insideFragment[i]: a fragmented message is in progress just before frame i (i may be frames.size()). */
    private static boolean[] insideFragment(List<RawFrame> frames) {
        boolean[] inside = new boolean[frames.size() + 1];
        boolean fragmented = false;
        for (int i = 0; i < frames.size(); i++) {
            inside[i] = fragmented;
            RawFrame f = frames.get(i);
            if (!Opcode.isControl(f.opcode)) {
                fragmented = !f.fin;
            }
        }
        inside[frames.size()] = fragmented;
        return inside;
    }

    private static int boundary(Random r, List<RawFrame> frames, boolean wantInside) {
        boolean[] inside = insideFragment(frames);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < inside.length; i++) {
            if (inside[i] == wantInside) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            fail("stream has no boundary with inside=" + wantInside);
        }
        return candidates.get(r.nextInt(candidates.size()));
    }

    private static int pick(Random r, List<RawFrame> frames, java.util.function.Predicate<RawFrame> which) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (which.test(frames.get(i))) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(r.nextInt(candidates.size()));
    }

    private static Expectation mutate(Kind kind, Case c, Random r) {
        List<RawFrame> frames = c.frames;
        int[] rsvBits = {FrameHeader.RSV1, FrameHeader.RSV2, FrameHeader.RSV3};
        switch (kind) {
            case FLIP_RSV -> {
                int i = r.nextInt(frames.size());
                frames.get(i).rsv |= rsvBits[r.nextInt(3)];
                return new Expectation(1002, i);
            }
            case RSV1_WITH_EXTENSION -> {
                // permessage-deflate negotiated: RSV1 is fine on a message's first frame only.
                c.allowedRsv = FrameHeader.RSV1;
                int i = r.nextInt(frames.size());
                RawFrame f = frames.get(i);
                f.rsv = FrameHeader.RSV1;
                boolean firstOfMessage = f.opcode == Opcode.TEXT || f.opcode == Opcode.BINARY;
                return firstOfMessage ? new Expectation(0, frames.size()) : new Expectation(1002, i);
            }
            case RESERVED_OPCODE -> {
                int i = r.nextInt(frames.size());
                int[] reserved = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
                frames.get(i).opcode = reserved[r.nextInt(reserved.length)];
                return new Expectation(1002, i);
            }
            case CONTROL_WITHOUT_FIN -> {
                int i = pick(r, frames, f -> Opcode.isControl(f.opcode));
                if (i < 0) {
                    i = r.nextInt(frames.size() + 1);
                    frames.add(i, randomPingOrPong(r));
                }
                frames.get(i).fin = false;
                return new Expectation(1002, i);
            }
            case CONTROL_TOO_LONG -> {
                int i = r.nextInt(frames.size() + 1);
                int[] controls = {Opcode.PING, Opcode.PONG, Opcode.CLOSE};
                byte[] payload = randomBytes(r, 126 + r.nextInt(200));
                frames.add(i, dataOrControl(r, controls[r.nextInt(3)], true, payload));
                return new Expectation(1002, i);
            }
            case DROP_MASK -> {
                int i = r.nextInt(frames.size());
                frames.get(i).masked = false;
                return new Expectation(1002, i);
            }
            case ORPHAN_CONTINUATION -> {
                int i = boundary(r, frames, false);
                frames.add(i, dataOrControl(r, Opcode.CONTINUATION, r.nextBoolean(), randomBytes(r, r.nextInt(20))));
                return new Expectation(1002, i);
            }
            case NESTED_DATA_START -> {
                int i = boundary(r, frames, true);
                int opcode = r.nextBoolean() ? Opcode.TEXT : Opcode.BINARY;
                frames.add(i, dataOrControl(r, opcode, r.nextBoolean(), "new".getBytes(UTF_8)));
                return new Expectation(1002, i);
            }
            case INVALID_UTF8 -> {
                int i = pick(r, frames, f -> !Opcode.isControl(f.opcode) && f.payload.length > 0 && isTextFrame(frames, f));
                RawFrame f = frames.get(i);
                int p = r.nextInt(f.payload.length);
                if (r.nextBoolean()) {
                    // A byte that is never valid anywhere in UTF-8.
                    int[] never = {0xC0, 0xC1, 0xF5, 0xF8, 0xFE, 0xFF};
                    f.payload[p] = (byte) never[r.nextInt(never.length)];
                } else {
                    // An encoded surrogate (ED A0..BF ..) or a lone continuation, inserted between code points.
                    while (p > 0 && (f.payload[p] & 0xC0) == 0x80) {
                        p--;
                    }
                    byte[] bad = r.nextBoolean() ? new byte[] {(byte) 0xED, (byte) (0xA0 + r.nextInt(32)), (byte) 0x80}
                            : new byte[] {(byte) (0x80 + r.nextInt(64))};
                    f.payload = insert(f.payload, p, bad, frames, i);
                }
                return new Expectation(1007, i);
            }
            case TRUNCATED_UTF8_AT_END -> {
                // The text message's last fragment ends inside a 3-byte sequence.
                int i = pick(r, frames, f -> f.fin && !Opcode.isControl(f.opcode) && isTextFrame(frames, f));
                RawFrame f = frames.get(i);
                f.payload = insert(f.payload, f.payload.length, new byte[] {(byte) 0xE2, (byte) 0x82}, frames, i);
                return new Expectation(1007, i);
            }
            case BAD_CLOSE_CODE -> {
                int i = r.nextInt(frames.size() + 1);
                byte[] payload = r.nextInt(5) == 0 ? new byte[] {(byte) r.nextInt(256)}
                        : closePayload(INVALID_CLOSE_CODES[r.nextInt(INVALID_CLOSE_CODES.length)], "why".getBytes(UTF_8), 125);
                frames.add(i, dataOrControl(r, Opcode.CLOSE, true, payload));
                return new Expectation(1002, i);
            }
            case BAD_CLOSE_REASON -> {
                int i = r.nextInt(frames.size() + 1);
                byte[] reason = Utf8DecoderTest.randomText(r, r.nextInt(10)).getBytes(UTF_8);
                // Ends in a byte that is invalid there: never valid, a lone continuation, or a cut-off lead.
                int[] badLast = {0xFF, 0xC0, 0x80, 0xED};
                byte[] payload = closePayload(VALID_CLOSE_CODES[r.nextInt(VALID_CLOSE_CODES.length)], reason, 120);
                payload = java.util.Arrays.copyOf(payload, payload.length + 1);
                payload[payload.length - 1] = (byte) badLast[r.nextInt(badLast.length)];
                frames.add(i, dataOrControl(r, Opcode.CLOSE, true, payload));
                return new Expectation(1007, i);
            }
            case LENGTH_MSB_SET -> {
                int i = r.nextInt(frames.size());
                RawFrame f = frames.get(i);
                f.lengthForm(RawFrame.LengthForm.SIXTY_FOUR);
                f.announcedLength = f.payload.length | Long.MIN_VALUE;
                return new Expectation(1002, i);
            }
            case TOO_BIG -> {
                int largest = frames.stream().mapToInt(f -> f.payload.length).max().orElseThrow();
                c.maxFrame = r.nextInt(largest);
                int i = 0;
                while (frames.get(i).payload.length <= c.maxFrame) {
                    i++; // the first frame over the limit is the one that fails
                }
                return new Expectation(1009, i);
            }
            case TOO_BIG_ANNOUNCED -> {
                // A data frame announcing far more than the limit: the header alone must be enough to fail.
                int i = r.nextInt(frames.size() + 1);
                boolean inside = insideFragment(frames)[i];
                int opcode = inside ? Opcode.CONTINUATION : (r.nextBoolean() ? Opcode.TEXT : Opcode.BINARY);
                RawFrame f = dataOrControl(r, opcode, r.nextBoolean(), new byte[0]).lengthForm(RawFrame.LengthForm.MINIMAL);
                f.announcedLength = (1L << 20) + (r.nextLong() & ((1L << 62) - 1));
                frames.subList(i, frames.size()).clear();
                frames.add(f);
                c.lastIsHeaderOnly = true;
                c.maxFrame = Math.max(70_000, frames.stream().mapToInt(x -> x.payload.length).max().orElse(0));
                return new Expectation(1009, i);
            }
            case RECHUNK -> {
                return new Expectation(0, frames.size());
            }
            case FLIP_BINARY_PAYLOAD -> {
                int i = pick(r, frames, f -> f.payload.length > 0 && !Opcode.isControl(f.opcode) && !isTextFrame(frames, f));
                RawFrame f = frames.get(i);
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    f.payload[r.nextInt(f.payload.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return new Expectation(0, frames.size());
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Whether a data frame belongs to a text message (continuations inherit their message's type). */
    private static boolean isTextFrame(List<RawFrame> frames, RawFrame target) {
        int type = 0;
        for (RawFrame f : frames) {
            if (f.opcode == Opcode.TEXT || f.opcode == Opcode.BINARY) {
                type = f.opcode;
            }
            if (f == target) {
                return type == Opcode.TEXT;
            }
        }
        throw new IllegalArgumentException("frame not in stream");
    }

    /** Inserts bytes into a payload; a control frame's 125-byte cap does not apply (only data frames get here). */
    private static byte[] insert(byte[] payload, int at, byte[] bytes, List<RawFrame> frames, int index) {
        byte[] out = new byte[payload.length + bytes.length];
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(payload, at, out, at + bytes.length, payload.length - at);
        if (out.length > 0xFFFF && frames.get(index).lengthForm == RawFrame.LengthForm.SIXTEEN) {
            frames.get(index).lengthForm(RawFrame.LengthForm.MINIMAL);
        }
        return out;
    }
}
