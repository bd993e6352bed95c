package org.bowline.container.frame;

/**
 * The peer broke the protocol: the connection must be failed with {@link #closeCode()}.
 *
 * <p>Checked on purpose: every layer between the bytes and the endpoint must decide what a
 * protocol failure means for it, and the reactor must never see one escape as a crash.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public ProtocolException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    /** The RFC 6455 close code to fail the connection with (1002, 1007, 1009, 1008 or 1011). */
    public int closeCode() {
        return closeCode;
    }
}
