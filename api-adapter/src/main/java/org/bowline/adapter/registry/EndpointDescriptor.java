package org.bowline.adapter.registry;

/**
 * One {@code NAME.websocket} file: {@code {"handler": "my-project/ws-handler", "endpoint":
 * "my-endpoint", "description": "My Websocket"}}, served at
 * {@code /websockets/v4/service/{endpoint}}.
 *
 * @param source where it was read from (a file path or class path resource), for messages
 */
public record EndpointDescriptor(String handler, String endpoint, String description, String source) {
}
