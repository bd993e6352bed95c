/**
 * The service-returning upgrade model: an upgrade service looks at the HTTP upgrade request and
 * returns the {@code Service} for that connection (or refuses it with an {@code UpgradeError}),
 * served by a {@code Listener}; {@code Caller}, {@code Client} and {@code AsyncClient} talk back.
 * Mapped onto Bowline's Jakarta WebSocket container, never a second engine.
 */
package org.bowline.adapter.service;
