package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread: runs submitted tasks and dispatches ready keys to their {@link Selectable}s. Owns the
 * single read buffer that all of its connections share (only used during one onData call at a time).
 */
final class SelectorLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    /** Shared read buffer size; one per selector thread, not per connection. */
    static final int READ_BUFFER_SIZE = 64 * 1024;

    /**
     * Buffers of queued writes a connection hands the socket in one gathered write: many small frames in one
     * system call, well under the IOV_MAX (1,024 on Linux) the JDK would split at.
     */
    static final int GATHER_BUFFERS = 128;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final ByteBuffer[] gatherBuffers = new ByteBuffer[GATHER_BUFFERS];
    private volatile boolean stopping;
    private volatile boolean stopped;

    SelectorLoop(String threadName) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** An empty array for one gathered write, shared by the loop's connections; loop thread only, emptied after use. */
    ByteBuffer[] gatherBuffers() {
        return gatherBuffers;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs the task on the loop thread soon.
     *
     * @return false if the loop has stopped and the task will never run there (the caller handles it inline)
     */
    boolean execute(Runnable task) {
        if (stopped) {
            return false;
        }
        tasks.add(task);
        if (stopped && tasks.remove(task)) {
            // The loop drained its queue before our task arrived; it is ours again.
            return false;
        }
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return true;
    }

    /** Runs the task now if on the loop thread, else on it soon, else (loop gone) inline. */
    void run(Runnable task) {
        if (inLoop() || !execute(task)) {
            task.run();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            wakeupPending.set(false);
            runTasks();
            if (stopping) {
                break;
            }
            try {
                selector.select(this::dispatch);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "selector failed on " + thread.getName(), e);
                break;
            }
        }
        shutDown();
    }

    private void dispatch(SelectionKey key) {
        Selectable s = (Selectable) key.attachment();
        try {
            s.ready(key);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "I/O handler failed; closing its channel", t);
            try {
                s.failed(t);
            } catch (Throwable t2) {
                LOG.log(Level.WARNING, "failure handling failed", t2);
            }
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "loop task threw", t);
            }
        }
    }

    /** Asks the loop to close everything and exit; see {@link #join}. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** Releases the selector of a loop that was never started. */
    void discard() {
        stopped = true;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "selector close failed", e);
        }
    }

    void join() throws InterruptedException {
        if (thread.isAlive() && !inLoop()) {
            thread.join();
        }
    }

    private void shutDown() {
        stopped = true;
        runTasks();
        List<Selectable> attached = new ArrayList<>();
        try {
            for (SelectionKey k : selector.keys()) {
                attached.add((Selectable) k.attachment());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "could not list keys", e);
        }
        for (Selectable s : attached) {
            try {
                s.reactorClosed();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "closing on shutdown failed", t);
            }
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "selector close failed", e);
        }
    }
}
