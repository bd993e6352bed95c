/**
 * The handler-registry model: named handlers, {@code .websocket} endpoint descriptors,
 * {@code createWebsocket}/{@code getClients}. Mapped onto Bowline's Jakarta WebSocket container.
 */
package org.bowline.adapter.registry;
