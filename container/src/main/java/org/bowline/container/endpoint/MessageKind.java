package org.bowline.container.endpoint;

/** The native WebSocket message kinds; an endpoint has at most one {@code @OnMessage} method per kind. */
public enum MessageKind {
    TEXT, BINARY, PONG
}
