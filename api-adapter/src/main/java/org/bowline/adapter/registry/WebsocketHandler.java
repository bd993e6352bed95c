package org.bowline.adapter.registry;

/**
 * One named handler, called for every event of every connection it serves: {@code onopen},
 * {@code onmessage}, {@code onerror}, {@code onclose}. A connection's events come one at a time,
 * in order; different connections may call it at the same time, so it must be thread-safe.
 *
 * <pre>{@code
 * @HandlerName("my-project/ws-handler")
 * public class MyHandler implements WebsocketHandler {
 *     public void handle(WebsocketContext context) throws Exception {
 *         if (context.isOnMessage()) {
 *             context.send("Echo: " + context.getMessage());
 *         }
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WebsocketHandler {

    void handle(WebsocketContext context) throws Exception;
}
