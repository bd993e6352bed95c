package org.bowline.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A host's own, shorter way to write an upgraded connection's bytes, offered through a request attribute by
 * a host-specific piece installed in front of the web application ({@code JettyUpgradedInput} on Jetty).
 *
 * <p>The stream it returns must keep the non-blocking contract of the one it replaces: a write only while
 * {@code isReady()} is true, the array untouched until {@code isReady()} is true again, the listener's
 * {@code onWritePossible} after a {@code false}, and {@code close()} ending the upgraded request as the
 * container's stream does.
 */
public interface UpgradedOutput {

    /** The request attribute under which a host offers it. */
    String ATTRIBUTE = UpgradedOutput.class.getName();

    /** The stream to write through instead of {@code upgraded}, the container's own, which it may use. */
    ServletOutputStream wrap(ServletOutputStream upgraded);

    /** What {@code request} offers, or null. */
    static UpgradedOutput of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof UpgradedOutput offered ? offered : null;
    }
}
