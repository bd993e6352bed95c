package org.bowline.container.server;

import org.bowline.container.handshake.HttpRequestHead;

/**
 * Answers the plain HTTP requests (those that do not ask for a WebSocket upgrade) that reach a
 * {@link BowlineServer}, so that one port serves a page and the WebSockets it opens. Set with
 * {@link BowlineServer.Builder#plainHttp}. Only the request head is read: a request body is not
 * supported. Each connection carries one request, and is closed after the answer.
 *
 * <p>It runs on an I/O thread, like a configurator's handshake methods: it must be quick and must
 * not block. What it throws is logged and answered with 500.
 */
@FunctionalInterface
public interface PlainHttpHandler {

    /**
     * @return the answer, or null to answer as a WebSocket server does without a handler (400 or 426
     *         for a request that is no upgrade)
     */
    PlainHttpResponse handle(HttpRequestHead request);
}
