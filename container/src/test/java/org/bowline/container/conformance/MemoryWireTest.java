package org.bowline.container.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bowline.container.io.ConnectionHandler;
import org.junit.jupiter.api.Test;

/** What the in-memory conformance runs rely on: the read size Bowline sees, settle, and ends as strict as TCP's. */
class MemoryWireTest {

    /** Records the size of every read Bowline's end is given. */
    private static final class Reads implements ConnectionHandler {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        @Override
        public void onData(ByteBuffer data) {
            sizes.add(data.remaining());
            data.position(data.limit());
        }

        @Override
        public void onClosed(IOException cause) {
        }
    }

    @Test
    void bowlineReadsInTheChunkSizeAndSettleReturnsOnceEveryByteWasRead() throws Exception {
        try (MemoryWire wire = MemoryWire.pair(7, 5000)) {
            Reads reads = new Reads();
            wire.bowlineEnd().setHandler(reads);
            wire.out().write(new byte[100]);
            wire.settle(0);
            assertEquals(100, reads.sizes.stream().mapToInt(Integer::intValue).sum(), "all read when settle returns");
            assertTrue(reads.sizes.stream().allMatch(n -> n <= 7), "reads of at most 7 bytes: " + reads.sizes);
            wire.out().write(new byte[3]);
            wire.settle(0);
            assertEquals(3, reads.sizes.get(reads.sizes.size() - 1), "a settled write is read by itself");
        }
    }

    @Test
    void bytesFromBowlineAfterThisSideEndedItsOutputFailTheReadThatSeesTheEnd() throws Exception {
        try (MemoryWire wire = MemoryWire.pair(64, 5000)) {
            wire.shutdownOutput();
            // Bowline's end has no handler yet, so it has not seen the end: what it writes now crosses it.
            wire.bowlineEnd().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, null);
            wire.bowlineEnd().setHandler(new Reads());
            AssertionError e = assertThrows(AssertionError.class, () -> wire.in().read());
            assertTrue(e.getMessage().startsWith("3 bytes came from Bowline"), e.getMessage());
        }
    }

    @Test
    void bowlinesCloseIsTheEndOfInputAfterWhatItSentBefore() throws Exception {
        try (MemoryWire wire = MemoryWire.pair(64, 5000)) {
            wire.bowlineEnd().setHandler(new Reads());
            wire.bowlineEnd().write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {9})}, null);
            wire.bowlineEnd().close();
            assertEquals(9, wire.in().read());
            assertEquals(-1, wire.in().read());
        }
    }
}
