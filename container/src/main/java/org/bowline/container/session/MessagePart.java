package org.bowline.container.session;

/**
 * A piece of an inbound data message on its way to the endpoint.
 *
 * @param data  a String (text: whole code points only) or a ByteBuffer the receiver may keep
 * @param size  the bytes it stands for: counted against the inbound backlog, and against the
 *              message limit when a handler needs the message assembled
 * @param last  whether it ends the message
 */
record MessagePart(Object data, long size, boolean last) {
}
