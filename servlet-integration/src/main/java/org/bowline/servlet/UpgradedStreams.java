package org.bowline.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A host's own, shorter ways to read and write an upgraded connection's bytes, offered through a request
 * attribute by a host-specific piece installed in front of the web application ({@code JettyUpgradedInput}
 * on Jetty).
 *
 * <p>The streams it returns keep the non-blocking contract of the ones they replace: a read or write only
 * while {@code isReady()} is true, a written array untouched until {@code isReady()} is true again, the
 * listener called back after a {@code false}, and {@code close()} ending the upgraded request as the
 * container's streams do. An input stream may call its listener back on the host's I/O thread, where nothing
 * may block; it then says so while it does ({@link IoThreadCallbacks}).
 */
public interface UpgradedStreams {

    /** The request attribute under which a host offers them. */
    String ATTRIBUTE = UpgradedStreams.class.getName();

    /** The stream to read through instead of {@code upgraded}, the container's own, which it may use. */
    ServletInputStream in(ServletInputStream upgraded);

    /** The stream to write through instead of {@code upgraded}, the container's own, which it may use. */
    ServletOutputStream out(ServletOutputStream upgraded);

    /** What {@code request} offers, or null. */
    static UpgradedStreams of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof UpgradedStreams offered ? offered : null;
    }

    /** An input stream whose listener may run on a host's I/O thread. */
    interface IoThreadCallbacks {

        /** Whether the calling thread is in such a callback now: it must not do what may block. */
        boolean callingBack();
    }
}
