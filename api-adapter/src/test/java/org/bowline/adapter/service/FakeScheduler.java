package org.bowline.adapter.service;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose clock the test moves: nothing runs until the test takes the next scheduled task
 * (checking its delay) and runs it.
 */
final class FakeScheduler implements Scheduler {

    record Task(Runnable task, Duration delay) {
        /** The delay passes: run it, on the test's thread. */
        void elapse() {
            task.run();
        }
    }

    private final BlockingQueue<Task> scheduled = new LinkedBlockingQueue<>();

    @Override
    public void schedule(Runnable task, Duration delay) {
        scheduled.add(new Task(task, delay));
    }

    /** The next task scheduled, waiting (a while) for the client to schedule it. */
    Task next() throws InterruptedException {
        Task task = scheduled.poll(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
        if (task == null) {
            throw new AssertionError("nothing was scheduled");
        }
        return task;
    }

    boolean isIdle() {
        return scheduled.isEmpty();
    }
}
