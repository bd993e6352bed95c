package org.bowline.container.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Makes {@code ContainerProvider.getWebSocketContainer()} return Bowline's client container
 * (registered in {@code META-INF/services/jakarta.websocket.ContainerProvider}). Each call gets a new
 * container, as in the reference implementation; its I/O threads are daemons and start on first connect.
 */
public final class BowlineContainerProvider extends ContainerProvider {

    @Override
    protected WebSocketContainer getContainer() {
        return new BowlineClientContainer();
    }
}
