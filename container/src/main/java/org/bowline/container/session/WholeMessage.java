package org.bowline.container.session;

import java.util.function.LongConsumer;

/** A message the I/O thread assembled whole, within the message size limit. */
final class WholeMessage implements InboundMessage {

    private final boolean text;
    private final LongConsumer release;
    private MessagePart part;

    WholeMessage(boolean text, Object data, long size, LongConsumer release) {
        this.text = text;
        this.release = release;
        this.part = new MessagePart(data, size, true);
    }

    @Override
    public boolean isText() {
        return text;
    }

    @Override
    public MessagePart next() {
        MessagePart p = part;
        part = null;
        if (p != null) {
            release.accept(p.size());
        }
        return p;
    }

    @Override
    public void discard() {
        next();
    }
}
