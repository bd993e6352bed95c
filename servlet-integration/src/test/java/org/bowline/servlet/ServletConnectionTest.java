package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.TickTimer;
import org.bowline.container.io.WriteCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet non-blocking I/O rules (Servlet 6.0, section 5.7 "Non Blocking IO") as the
 * engine's Connection sees them, over scripted streams.
 */
class ServletConnectionTest {

    private final ScriptedWebConnection web = new ScriptedWebConnection();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Recorder handler = new Recorder();
    private ServletConnection connection;

    /** Records what the connection delivers. */
    static class Recorder implements ConnectionHandler {
        final StringBuilder data = new StringBuilder();
        final List<IOException> closes = new ArrayList<>();
        int writable;
        volatile Thread dataThread;

        @Override
        public void onData(ByteBuffer bytes) {
            dataThread = Thread.currentThread();
            data.append(StandardCharsets.UTF_8.decode(bytes));
        }

        @Override
        public void onClosed(IOException cause) {
            closes.add(cause);
        }

        @Override
        public void onWritable() {
            writable++;
        }
    }

    /** Records a write's outcome. */
    static final class Outcome implements WriteCallback {
        boolean completed;
        IOException failed;

        @Override
        public void completed() {
            completed = true;
        }

        @Override
        public void failed(IOException cause) {
            failed = cause;
        }
    }

    @BeforeEach
    void open() throws IOException {
        connection = new ServletConnection(web);
        connection.listen();
        connection.describe(ConnectionFacts.UNKNOWN, scheduler, new TickTimer(scheduler), null, QueueBudget.NONE);
    }

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
    }

    private static ByteBuffer[] text(String s) {
        return new ByteBuffer[] {ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))};
    }

    @Test
    void nothingIsReadBeforeTheContainerSignalsData() throws IOException {
        connection.setHandler(handler);
        // Jetty still shows the finished request body from inside init: reading then would see its end.
        assertEquals(0, web.in.readyCalls);

        web.in.arrive("abc".getBytes(StandardCharsets.UTF_8));
        web.in.arrive("def".getBytes(StandardCharsets.UTF_8));
        assertEquals("abcdef", handler.data.toString());
    }

    @Test
    void dataSignalledBeforeTheHandlerIsSetIsReadWhenItIs() throws IOException {
        web.in.arrive("early".getBytes(StandardCharsets.UTF_8));
        connection.setHandler(handler);
        assertEquals("early", handler.data.toString());
    }

    @Test
    void anEndOfInputSeenOnTheHostsIoThreadClosesTheContainersStreamsOnTheTimerThread() throws Exception {
        // A host whose input calls back on its I/O thread (Jetty's selector, through JettyUpgradedInput): closing
        // the container's streams there could run the application's request listeners on it.
        ScriptedWebConnection hosted = new ScriptedWebConnection();
        Thread ioThread = Thread.currentThread();
        ServletConnection onIoThread = new ServletConnection(hosted, null, new UpgradedStreams() {
            @Override
            public jakarta.servlet.ServletInputStream in(jakarta.servlet.ServletInputStream upgraded) {
                return new IoThreadInput(upgraded, ioThread);
            }

            @Override
            public jakarta.servlet.ServletOutputStream out(jakarta.servlet.ServletOutputStream upgraded) {
                return upgraded;
            }
        });
        onIoThread.listen();
        onIoThread.describe(ConnectionFacts.UNKNOWN, scheduler, new TickTimer(scheduler), null, QueueBudget.NONE);
        onIoThread.setHandler(handler);

        hosted.in.endOfStream();   // read, and closed, inside the callback on the "I/O thread"
        scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS);   // what it handed the timer thread is done

        assertTrue(hosted.closed);
        assertNotSame(ioThread, hosted.closedBy, "the container's streams were closed on the host's I/O thread");
        assertEquals(1, handler.closes.size());
    }

    /** The scripted input, as a host's input whose callbacks run on {@code ioThread}. */
    private static final class IoThreadInput extends jakarta.servlet.ServletInputStream
            implements UpgradedStreams.IoThreadCallbacks {
        private final jakarta.servlet.ServletInputStream in;
        private final Thread ioThread;

        IoThreadInput(jakarta.servlet.ServletInputStream in, Thread ioThread) {
            this.in = in;
            this.ioThread = ioThread;
        }

        @Override
        public boolean callingBack() {
            return Thread.currentThread() == ioThread;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return in.read(bytes, offset, length);
        }
    }

    @Test
    void suspendedReadingLeavesDataUnreadAndResumingReadsItWithoutACallback() throws Exception {
        connection.setHandler(handler);
        connection.suspendReading();
        web.in.arrive("held".getBytes(StandardCharsets.UTF_8));
        assertEquals("", handler.data.toString());

        // No onDataAvailable will come: isReady() never returned false. Resuming must read itself, and from
        // another thread: the engine resumes under its read-interest lock, which onData's work also takes.
        connection.resumeReading();
        scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS);   // what resumeReading handed the timer thread is done
        assertEquals("held", handler.data.toString());
        assertNotSame(Thread.currentThread(), handler.dataThread, "onData ran inside resumeReading()");
    }

    @Test
    void whereTheContainerCallsBackForAResumeOnlyItsThreadReads() throws Exception {
        // Undertow: its upgraded input may not be read from another thread while its I/O thread may be reading it.
        ExecutorService containerThread = Executors.newSingleThreadExecutor();
        Thread container = containerThread.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        try {
            connection = new ServletConnection(web, () -> {
                containerThread.execute(web.in::callBack);
                return true;
            }, null);
            connection.listen();
            connection.describe(ConnectionFacts.UNKNOWN, scheduler, new TickTimer(scheduler), null, QueueBudget.NONE);
            connection.setHandler(handler);
            connection.suspendReading();
            web.in.arrive("held".getBytes(StandardCharsets.UTF_8));

            connection.resumeReading();
            containerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);   // the callback it asked for has run
            scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS);         // and nothing was left to the timer thread
            assertEquals("held", handler.data.toString());
            assertSame(container, handler.dataThread, "read by another thread than the container's");
        } finally {
            containerThread.shutdownNow();
        }
    }

    @Test
    void queuedBytesCountAgainstTheApplicationsBudgetUntilWrittenOrDropped() throws IOException {
        QueueBudget budget = new QueueBudget(1 << 20);
        connection.describe(ConnectionFacts.UNKNOWN, scheduler, new TickTimer(scheduler), null, budget);
        connection.setHandler(handler);
        assertEquals(budget, connection.budget());
        web.out.congestOnWrite = true;
        connection.write(text("first"), null);    // handed to the container at once
        connection.write(text("second"), null);   // queued: the stream is not ready
        connection.write(new ByteBuffer[] {ByteBuffer.allocate(5000)}, null);   // big: a container write of its own
        assertEquals(5006, connection.queuedBytes());
        assertEquals(5006, budget.outboundBytes());

        web.out.drain();   // "second" goes out, the big one still waits
        assertEquals(5000, budget.outboundBytes());
        connection.abort();   // dropped with the connection
        assertEquals(0, budget.outboundBytes());
        assertEquals(5006, budget.peakBytes());
    }

    @Test
    void endOfStreamClosesTheConnectionAndTellsTheHandlerOnce() throws IOException {
        connection.setHandler(handler);
        web.in.endOfStream();
        assertEquals(1, handler.closes.size());
        assertNull(handler.closes.get(0));
        assertFalse(connection.isOpen());
        assertTrue(web.closed);
        connection.abort();
        assertEquals(1, handler.closes.size());
    }

    @Test
    void aWriteCompletesOnlyOnceTheStreamIsReadyAgain() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        Outcome outcome = new Outcome();
        connection.write(text("hello"), outcome);
        assertEquals("hello", web.out.written.toString(StandardCharsets.UTF_8));
        // The container may still hold our array until isReady() says otherwise.
        assertFalse(outcome.completed);

        web.out.drain();
        assertTrue(outcome.completed);
        assertTrue(web.out.flushes > 0, "written bytes must be flushed");
    }

    @Test
    void writesQueuedWhileNotReadyGoOutInOrderIncludingDirectBuffers() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("one,"), null);
        ByteBuffer direct = ByteBuffer.allocateDirect(4);
        direct.put("two,".getBytes(StandardCharsets.UTF_8)).flip();
        Outcome second = new Outcome();
        connection.write(new ByteBuffer[] {direct, ByteBuffer.wrap("three".getBytes(StandardCharsets.UTF_8))}, second);
        assertEquals(9, connection.queuedBytes());

        web.out.congestOnWrite = false;
        web.out.drain();
        assertEquals("one,two,three", web.out.written.toString(StandardCharsets.UTF_8));
        assertEquals(0, connection.queuedBytes());
        assertTrue(second.completed);
    }

    @Test
    void smallQueuedBuffersLeaveInOneContainerWriteAndOneFlush() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("0"), null);   // now not ready
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            ByteBuffer frame = ByteBuffer.allocateDirect(2);   // as the engine's pooled frames are
            frame.put(("," + Integer.toHexString(i)).getBytes(StandardCharsets.UTF_8)).flip();
            Outcome outcome = new Outcome();
            outcomes.add(outcome);
            connection.write(new ByteBuffer[] {frame}, outcome);
        }
        int writesBefore = web.out.writes;
        int flushesBefore = web.out.flushes;

        web.out.congestOnWrite = false;
        web.out.drain();
        assertEquals("0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f", web.out.written.toString(StandardCharsets.UTF_8));
        assertEquals(1, web.out.writes - writesBefore);
        assertEquals(1, web.out.flushes - flushesBefore);
        assertTrue(outcomes.stream().allMatch(o -> o.completed));
        assertEquals(0, connection.queuedBytes());
    }

    @Test
    void aBigHeapBufferIsWrittenFromItsOwnArrayAfterTheSmallOnesBeforeIt() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("x"), null);   // now not ready
        byte[] big = new byte[8192];
        java.util.Arrays.fill(big, (byte) 'b');
        connection.write(new ByteBuffer[] {ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap("cd".getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(big),
                ByteBuffer.wrap("z".getBytes(StandardCharsets.UTF_8))}, null);
        int writesBefore = web.out.writes;

        web.out.congestOnWrite = false;
        web.out.drain();
        assertEquals("xabcd" + "b".repeat(8192) + "z", web.out.written.toString(StandardCharsets.UTF_8));
        assertEquals(3, web.out.writes - writesBefore);   // "abcd", the big array, "z"
        assertEquals(0, connection.queuedBytes());
    }

    @Test
    void drainingBelowTheLowWaterMarkAfterCongestionFiresOnWritable() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("x"), null);   // now not ready
        connection.write(new ByteBuffer[] {ByteBuffer.allocate(100 * 1024)}, null);
        assertTrue(connection.queuedBytes() > 64 * 1024);

        web.out.congestOnWrite = false;
        web.out.drain();
        assertEquals(1, handler.writable);
    }

    @Test
    void closeFlushesWhatIsQueuedBeforeClosing() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("a"), null);
        Outcome last = new Outcome();
        connection.write(text("bye"), last);
        connection.close();
        assertFalse(web.closed);
        assertTrue(handler.closes.isEmpty());

        web.out.congestOnWrite = false;
        web.out.drain();
        assertEquals("abye", web.out.written.toString(StandardCharsets.UTF_8));
        assertTrue(last.completed);
        assertTrue(web.closed);
        assertEquals(1, handler.closes.size());
    }

    /**
     * The engine writes while holding its frame sender's lock, and its onClosed takes locks that other threads
     * hold while waiting for that sender: a close that a write comes to is reported from another thread.
     */
    @Test
    void aWriteThatFailsReportsTheCloseFromAnotherThreadNotFromInsideTheWrite() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> reportedOn = new java.util.concurrent.atomic.AtomicReference<>();
        connection.setHandler(new Recorder() {
            @Override
            public void onClosed(IOException cause) {
                reportedOn.set(Thread.currentThread());
                closed.countDown();
            }
        });
        web.out.failure = new IOException("Connection reset by peer");
        Outcome outcome = new Outcome();
        connection.write(text("a"), outcome);

        assertTrue(closed.await(10, java.util.concurrent.TimeUnit.SECONDS), "onClosed never came");
        assertNotSame(Thread.currentThread(), reportedOn.get(), "onClosed ran inside write(), on the writer's thread");
        assertTrue(outcome.failed != null, "the write's callback failed");
        assertTrue(web.closed);
    }

    @Test
    void abortFailsQueuedWritesAndLaterOnes() throws IOException {
        connection.setHandler(handler);
        web.out.congestOnWrite = true;
        connection.write(text("a"), null);
        Outcome queued = new Outcome();
        connection.write(text("b"), queued);
        connection.abort();
        assertTrue(queued.failed != null);

        Outcome after = new Outcome();
        connection.write(text("c"), after);
        assertTrue(after.failed != null);
        assertEquals(1, handler.closes.size());
    }
}
