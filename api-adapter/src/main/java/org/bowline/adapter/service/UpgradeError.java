package org.bowline.adapter.service;

import java.util.List;
import java.util.Map;

/**
 * Thrown by an {@link UpgradeService} to refuse the upgrade: the client gets {@link #status()}
 * (400 unless set), the message as the body, and {@link #headers()}; no WebSocket is opened and no
 * {@link Service} callback runs.
 */
public class UpgradeError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    public UpgradeError(String message) {
        this(400, message, Map.of());
    }

    public UpgradeError(int status, String message) {
        this(status, message, Map.of());
    }

    public UpgradeError(int status, String message, Map<String, List<String>> headers) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An upgrade is refused with a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** 401: the request does not authenticate. */
    public static UpgradeError unauthorized(String message) {
        return new UpgradeError(401, message);
    }

    /** 403: the client is known but not allowed. */
    public static UpgradeError forbidden(String message) {
        return new UpgradeError(403, message);
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }
}
