package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Concurrent sends queue in order; only a thread interleaving into its own partial message fails. */
class SendGateTest {

    private final SendGate gate = new SendGate();
    private final List<String> wire = new CopyOnWriteArrayList<>();

    @Test
    void anotherThreadsWholeMessageWaitsForAnUnfinishedPartialMessage() throws Exception {
        gate.part(true, false, 0, () -> wire.add("A1"));
        Thread other = new Thread(() -> {
            try {
                gate.whole(0, () -> wire.add("B"));
            } catch (IOException e) {
                wire.add("error " + e);
            }
        });
        other.start();
        awaitOneWaitingSender();
        assertEquals(List.of("A1"), wire, "B must not be written in the middle of A");
        gate.part(true, false, 0, () -> wire.add("A2"));
        gate.part(true, true, 0, () -> wire.add("A3"));
        other.join(5000);
        assertEquals(List.of("A1", "A2", "A3", "B"), wire);
    }

    @Test
    void theSameThreadStartingAnotherMessageInsideItsPartialMessageFails() throws Exception {
        gate.part(true, false, 0, () -> wire.add("A1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gate.whole(0, () -> wire.add("B")));
        assertTrue(e.getMessage().contains("unfinished partial text message"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> gate.part(false, true, 0, () -> wire.add("C")));
        assertEquals(List.of("A1"), wire);
    }

    @Test
    void aWaitingSenderTimesOut() throws Exception {
        gate.part(false, false, 0, () -> wire.add("A1"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                gate.whole(100, () -> wire.add("B"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join(5000);
        assertTrue(failure.get() instanceof SocketTimeoutException, String.valueOf(failure.get()));
    }

    @Test
    void closingReleasesWaitingSendersWithAnError() throws Exception {
        gate.part(false, false, 0, () -> wire.add("A1"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                gate.whole(0, () -> wire.add("B"));
            } catch (Throwable t) {
                failure.set(t);
            }
            done.countDown();
        });
        other.start();
        awaitOneWaitingSender();
        gate.close("closed by the test");
        assertTrue(done.await(5, TimeUnit.SECONDS), "a send racing a close must not hang");
        assertTrue(failure.get() instanceof IOException);
        assertEquals("closed by the test", failure.get().getMessage());
        assertEquals(List.of("A1"), wire);
    }

    /** The other thread has found the gate taken and waits on it: from here on it cannot have sent. */
    private void awaitOneWaitingSender() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.waitingSenders() == 0) {
            assertTrue(System.nanoTime() < deadline, "the other sender never came to wait at the gate");
            Thread.sleep(1);
        }
    }
}
