package org.bowline.container.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/**
 * The test client's half of a permessage-deflate agreement (RFC 7692) for the role-neutral cases: it
 * compresses what it sends with the context the 101 agreed, and decodes the server's compressed
 * replies twice ({@link PermessageDeflateCasesTest.Replies}), holding them to the agreed context and window.
 */
final class ClientDeflate implements AutoCloseable {

    private final boolean clientContextTakeover;
    private final int serverWindowBits;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final PermessageDeflateCasesTest.Replies replies;

    /** The agreement the server's 101 states in answer to {@code offer} (which must have been accepted). */
    ClientDeflate(WireClient client, String offer) {
        String header = client.header("sec-websocket-extensions");
        assertNotNull(header, "permessage-deflate must be accepted: the offer \"" + offer + "\" was declined");
        Map<String, String> asked = PermessageDeflateCasesTest.parse(offer).get(0).params();
        Map<String, String> response = PermessageDeflateCasesTest.checkResponse(asked, header);
        this.clientContextTakeover = !response.containsKey("client_no_context_takeover") && !asked.containsKey("client_no_context_takeover");
        int clientBits = response.containsKey("client_max_window_bits") ? Integer.parseInt(response.get("client_max_window_bits")) : 15;
        if (clientBits < 15) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY); // no back-references fit any window
        }
        this.serverWindowBits = response.containsKey("server_max_window_bits")
                ? Integer.parseInt(response.get("server_max_window_bits")) : 15;
        this.replies = new PermessageDeflateCasesTest.Replies(!response.containsKey("server_no_context_takeover"));
    }

    byte[] compress(byte[] message) {
        byte[] z = PermessageDeflateCasesTest.compress(deflater, message);
        if (!clientContextTakeover) {
            deflater.reset();
        }
        return z;
    }

    /** The next message is a compressed echo of {@code message}, decoding with the agreed context and window. */
    void expectCompressedEcho(WireClient client, int opcode, byte[] message) throws IOException {
        WireClient.Message reply = client.readMessage();
        assertEquals(opcode, reply.opcode(), "echo opcode");
        assertTrue(reply.compressed(), "the server's echo is not compressed though permessage-deflate was agreed");
        byte[] echoed;
        try {
            echoed = replies.inflate(reply.payload());
        } catch (DataFormatException e) {
            throw new AssertionError("the server's echo is not valid DEFLATE: " + e.getMessage(), e);
        }
        assertTrue(replies.probe.maxDistance() <= 1 << serverWindowBits, "a back-reference of "
                + replies.probe.maxDistance() + " bytes exceeds server_max_window_bits=" + serverWindowBits);
        if (!Arrays.equals(message, echoed)) {
            fail("echo differs: sent " + message.length + " bytes, got " + echoed.length);
        }
    }

    @Override
    public void close() {
        deflater.end();
        replies.end();
    }
}
