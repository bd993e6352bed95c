package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The NIO event loops: {@code selectorThreads} selector threads (threads named {@code <name>-io-<n>}) over
 * which connections are spread round-robin, plus one timer thread ({@code <name>-timer}) for
 * {@link Connection#schedule}. Each selector thread owns one 64 KiB direct read buffer shared by its
 * connections, so an idle connection holds no buffer.
 */
public final class NioReactor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NioReactor.class.getName());

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final String name;
    private final SelectorLoop[] loops;
    private final ScheduledThreadPoolExecutor timer;
    private final TickTimer ticks;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Set<NioAcceptor> acceptors = ConcurrentHashMap.newKeySet();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final Set<Thread> timerThreads = ConcurrentHashMap.newKeySet();
    private volatile WriteWaterMarks writeWaterMarks = WriteWaterMarks.DEFAULT;
    private volatile QueueBudget queueBudget = QueueBudget.NONE;
    private final AtomicInteger openConnections = new AtomicInteger();

    /** @param selectorThreads {@code <= 0} means {@link Runtime#availableProcessors()} */
    public NioReactor(String name, int selectorThreads) {
        this.name = name;
        int n = selectorThreads > 0 ? selectorThreads : Runtime.getRuntime().availableProcessors();
        this.loops = new SelectorLoop[n];
        try {
            for (int i = 0; i < n; i++) {
                loops[i] = new SelectorLoop(name + "-io-" + i);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            timerThreads.add(t);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.ticks = new TickTimer(timer);
    }

    /** Starts the selector threads. */
    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException("reactor " + name + " already started or closed");
        }
        for (SelectorLoop loop : loops) {
            loop.start();
        }
    }

    /** The water marks given to connections created from now on (default {@link WriteWaterMarks#DEFAULT}). */
    public void setWriteWaterMarks(WriteWaterMarks marks) {
        this.writeWaterMarks = java.util.Objects.requireNonNull(marks);
    }

    /** The budget the queued bytes of connections created from now on count against (default: none). */
    public void setQueueBudget(QueueBudget budget) {
        this.queueBudget = java.util.Objects.requireNonNull(budget);
    }

    /** Socket connections of this reactor not yet closed (accepted and connected alike). */
    public int openConnections() {
        return openConnections.get();
    }

    void connectionOpened() {
        openConnections.incrementAndGet();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    public QueueBudget queueBudget() {
        return queueBudget;
    }

    public WriteWaterMarks writeWaterMarks() {
        return writeWaterMarks;
    }

    /** Binds and accepts; each accepted connection goes to onAccept (on an I/O thread; onAccept must set a handler quickly). */
    public Acceptor listen(InetSocketAddress address, int backlog, Consumer<Connection> onAccept) throws IOException {
        requireRunning();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
            server.configureBlocking(false);
            SelectorLoop loop = nextLoop();
            NioAcceptor acceptor = new NioAcceptor(server, loop, this, onAccept);
            acceptors.add(acceptor);
            loop.run(() -> {
                try {
                    acceptor.register();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "cannot register acceptor " + acceptor.localAddress(), e);
                    acceptor.close();
                }
            });
            return acceptor;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Non-blocking connect with a timeout ({@code <= 0}: none). The future fails with a
     * {@link java.net.SocketTimeoutException} or {@link ConnectException} naming the address, and completes
     * on an I/O thread.
     */
    public CompletableFuture<Connection> connect(InetSocketAddress address, long timeoutMillis) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        if (state.get() != RUNNING) {
            future.completeExceptionally(new ConnectException(
                    "connect to " + address + " failed: reactor " + name + " is not running"));
            return future;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            ConnectException ce = new ConnectException("connect to " + address + " failed: " + e.getMessage());
            ce.initCause(e);
            future.completeExceptionally(ce);
            return future;
        }
        SelectorLoop loop = nextLoop();
        PendingConnect pending = new PendingConnect(ch, address, loop, this, future);
        if (timeoutMillis > 0) {
            pending.timeoutAfter(timeoutMillis);
        }
        loop.run(pending::start);
        return future;
    }

    /** Closes acceptors and all connections, stops the threads and joins them. Idempotent. */
    @Override
    public void close() {
        int previous = state.getAndSet(CLOSED);
        if (previous == CLOSED) {
            return;
        }
        for (NioAcceptor a : acceptors.toArray(new NioAcceptor[0])) {
            a.close();
        }
        for (SelectorLoop loop : loops) {
            if (previous == NEW) {
                loop.discard();
            } else {
                loop.stop();
            }
        }
        boolean interrupted = false;
        for (SelectorLoop loop : loops) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "timer of reactor " + name + " did not stop");
            }
            // A terminated pool's worker may still be leaving its run method: wait for it to be gone.
            for (Thread t : timerThreads) {
                if (t != Thread.currentThread()) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NioReactor[" + name + ", " + loops.length + " selector threads]";
    }

    // ---- package ---------------------------------------------------------------------------------------

    SelectorLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    void forget(NioAcceptor acceptor) {
        acceptors.remove(acceptor);
    }

    /** The coarse timer its connections share ({@link Connection#runOnNextTick}), on the timer thread. */
    TickTimer ticks() {
        return ticks;
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            return timer.schedule(Callbacks.guarded(task), delay, unit);
        } catch (RejectedExecutionException e) {
            return CancelledFuture.INSTANCE;   // reactor closed: the connection is closed too
        }
    }

    private void requireRunning() {
        if (state.get() != RUNNING) {
            throw new IllegalStateException("reactor " + name + " is not running");
        }
    }
}
