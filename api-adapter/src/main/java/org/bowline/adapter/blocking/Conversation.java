package org.bowline.adapter.blocking;

/** Runs a handler on a connection and closes it after: 1000 when it returns, 1011 when it throws. */
final class Conversation {

    private Conversation() {
    }

    /** @throws Exception what the handler threw, once the connection is closed */
    static void run(Handler handler, WebSocket ws) throws Exception {
        try {
            handler.handle(ws);
        } catch (Exception | Error e) {
            closeQuietly(ws, 1011, "The handler failed");
            throw e;
        } finally {
            ws.release();
        }
        ws.close(1000, "");
    }

    static void closeQuietly(WebSocket ws, int code, String reason) {
        try {
            ws.close(code, reason);
        } catch (Exception e) {
            // closing a connection that already failed: nothing more to do
        }
    }
}
