package org.bowline.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Counts the messages a connection receives: reads frame headers incrementally (any chunking) and
 * skips payloads without looking at them. Accepts masked frames too, because the raw echo server
 * returns the client's frames as they were.
 */
final class InboundFrames {

    private final byte[] header = new byte[14];
    private int fill;
    private int need = 2;
    private long payloadRemaining;
    private boolean fin;
    private int opcode;
    private boolean closeReceived;

    /** Consumes all of {@code in}; returns how many data messages it completed. */
    int feed(ByteBuffer in) {
        int messages = 0;
        while (in.hasRemaining()) {
            if (payloadRemaining > 0) {
                int n = (int) Math.min(in.remaining(), payloadRemaining);
                in.position(in.position() + n);
                payloadRemaining -= n;
                if (payloadRemaining == 0 && endsMessage()) {
                    messages++;
                }
                continue;
            }
            header[fill++] = in.get();
            if (fill == 2) {
                int length7 = header[1] & 0x7F;
                need = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (fill >= 2 && fill == need) {
                completeHeader();
                if (payloadRemaining == 0 && endsMessage()) {
                    messages++;
                }
            }
        }
        return messages;
    }

    private void completeHeader() {
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        int length7 = header[1] & 0x7F;
        long length = length7;
        if (length7 == 126) {
            length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = length << 8 | (header[i] & 0xFF);
            }
        }
        fill = 0;
        need = 2;
        payloadRemaining = length;
        if (opcode == 0x8) {
            closeReceived = true;
        }
    }

    /** The server sent a close frame (its payload is skipped like any other). */
    boolean closeReceived() {
        return closeReceived;
    }

    private boolean endsMessage() {
        return fin && opcode < 0x8;
    }
}
