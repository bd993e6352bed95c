package org.bowline.container.frame;

/** Close status codes (RFC 6455 section 7.4 and the IANA registry). */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int NO_STATUS = 1005;
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;

    private CloseCodes() {
    }

    /**
     * Whether a code may appear in a close frame on the wire. 1004, 1005, 1006 and 1015 are
     * reserved for local use; 1016-2999 are unassigned; 3000-4999 belong to applications.
     */
    public static boolean isValidOnWire(int code) {
        if (code >= 1000 && code <= 1014) {
            return code != 1004 && code != NO_STATUS && code != ABNORMAL;
        }
        return code >= 3000 && code <= 4999;
    }
}
