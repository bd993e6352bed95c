/**
 * The blocking model: {@code open}/{@code listen}/{@code serve}, and {@code receive}/{@code send}
 * and iteration on one connection in straight-line code. Mapped onto Bowline's Jakarta WebSocket
 * container.
 */
package org.bowline.adapter.blocking;
