package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.undertow.servlet.spec.UpgradeServletInputStream;
import org.junit.jupiter.api.Test;
import org.xnio.channels.StreamSourceChannel;

/** Undertow's upgraded input, as its 2.3 release lays it out, asked for a read callback on its I/O thread. */
class UndertowReadEventsTest {

    @Test
    void aReadEventIsAskedOfUndertowsIoThreadByWakingTheChannelsReads() throws Exception {
        List<Thread> wakeups = new CopyOnWriteArrayList<>();
        StreamSourceChannel channel = (StreamSourceChannel) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StreamSourceChannel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("wakeupReads")) {
                        wakeups.add(Thread.currentThread());
                    }
                    return null;
                });
        ExecutorService ioThread = Executors.newSingleThreadExecutor();
        try {
            Thread io = ioThread.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            UpgradeServletInputStream input = new UpgradeServletInputStream(channel, null, ioThread);
            assertEquals(UndertowReadEvents.UPGRADED_INPUT, input.getClass().getName());

            ReadDispatch dispatch = UndertowReadEvents.of(input);
            assertInstanceOf(UndertowReadEvents.class, dispatch, "this Undertow's layout was not recognised");
            assertTrue(dispatch.dispatchRead());
            ioThread.submit(() -> { }).get(10, TimeUnit.SECONDS);

            assertEquals(1, wakeups.size(), "wakeupReads calls");
            assertSame(io, wakeups.get(0), "woken from another thread than Undertow's I/O thread");
        } finally {
            ioThread.shutdownNow();
        }
    }

    @Test
    void anInputLaidOutOtherwiseIsReadByTheResumingSide() {
        assertSame(ReadDispatch.NONE, UndertowReadEvents.of(new Object()));
        assertFalse(ReadDispatch.NONE.dispatchRead());
    }
}
