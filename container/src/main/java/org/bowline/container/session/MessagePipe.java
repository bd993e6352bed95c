package org.bowline.container.session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * A message streamed from the I/O thread to the endpoint while it arrives: the I/O thread
 * {@link #offer}s parts, the session's executor takes them with {@link #next}, waiting when it
 * is ahead of the peer.
 *
 * <p>The queue has no fixed capacity; the session bounds it the way it bounds every inbound
 * backlog: each part is admitted against the inbound pending-bytes limit before it is offered
 * (reading stops past it) and released when taken (reading resumes once half is drained). So
 * at most one network read (or one frame's inflation) beyond the limit is ever queued.
 */
final class MessagePipe implements InboundMessage {

    private final boolean text;
    private final LongConsumer release;
    private final ArrayDeque<MessagePart> parts = new ArrayDeque<>();
    private boolean lastTaken;
    private boolean discarding;
    private String abortReason;

    MessagePipe(boolean text, LongConsumer release) {
        this.text = text;
        this.release = release;
    }

    @Override
    public boolean isText() {
        return text;
    }

    /** I/O thread: queues a part; false when the endpoint no longer wants the message. */
    synchronized boolean offer(MessagePart part) {
        if (discarding || abortReason != null) {
            return false;
        }
        parts.add(part);
        notifyAll();
        return true;
    }

    /** The message will not be completed; a reader waiting for more gets an exception. */
    synchronized void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
            notifyAll();
        }
    }

    @Override
    public MessagePart next() throws IOException {
        MessagePart part;
        synchronized (this) {
            while (parts.isEmpty()) {
                if (lastTaken || discarding) {
                    return null;
                }
                if (abortReason != null) {
                    throw new MessageAbortedException("The message was cut short: " + abortReason);
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for the rest of the message", e);
                }
            }
            part = parts.poll();
            lastTaken = part.last();
        }
        release.accept(part.size());
        return part;
    }

    @Override
    public void discard() {
        long dropped = 0;
        synchronized (this) {
            discarding = true;
            for (MessagePart p : parts) {
                dropped += p.size();
            }
            parts.clear();
            notifyAll();
        }
        if (dropped > 0) {
            release.accept(dropped);
        }
    }
}
