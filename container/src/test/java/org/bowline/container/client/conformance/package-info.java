/**
 * The client role of an Autobahn-style conformance suite: this test code is the fuzzing server,
 * Bowline's {@link org.bowline.container.client.BowlineClientContainer} with an echo endpoint
 * ({@link org.bowline.container.client.conformance.EchoingClient}, what the demo jar's echo-client
 * does) is the client under test.
 *
 * <p>{@link org.bowline.container.client.conformance.WireServer} answers the upgrade itself (the
 * accept key computed here, permessage-deflate granted with each case's parameters through
 * {@link org.bowline.container.client.conformance.Answer}), writes raw unmasked frames, and reads the
 * client's frames, failing the case unless each is masked with a key other than the previous frame's,
 * minimally length-encoded, well-formed, and followed by nothing once the client's close went out.
 * {@link org.bowline.container.client.conformance.ClientConformanceFamily} runs every case on a new
 * connection and then holds the client to the same end: its endpoint told how the session closed
 * (code as on the wire, a reason when the client closed), the session no longer open, no onError, the
 * client's TCP end closed; closing a family's container leaves no thread behind.
 *
 * <p>Families follow Autobahn's numbering where they mirror its cases: 1 framing, 2 ping/pong,
 * 3 reserved bits, 4 reserved opcodes, 5 fragmentation, 6 UTF-8, 7 closing, 9 limits, 12/13
 * permessage-deflate; H is for servers that break the handshake or send what no server may.
 */
package org.bowline.container.client.conformance;
