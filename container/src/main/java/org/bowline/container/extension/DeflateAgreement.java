package org.bowline.container.extension;

/**
 * The permessage-deflate parameters both sides agreed on in the opening handshake, and the
 * factory for the per-connection compressor and decompressor. Immutable.
 */
public final class DeflateAgreement {

    private final ExtensionOffer response;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;

    DeflateAgreement(ExtensionOffer response, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                     int serverMaxWindowBits, int clientMaxWindowBits) {
        this.response = response;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverMaxWindowBits = serverMaxWindowBits;
        this.clientMaxWindowBits = clientMaxWindowBits;
    }

    /** Server: what goes in the 101 response; client: what the server said. */
    public ExtensionOffer response() {
        return response;
    }

    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** The server's LZ77 window in bits; 15 when not negotiated. */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** The client's LZ77 window in bits; 15 when not negotiated. */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
    }

    /** A compressor for OUR outbound direction ({@code server} says which side we are). */
    public MessageDeflater newDeflater(boolean server) {
        boolean noContextTakeover = server ? serverNoContextTakeover : clientNoContextTakeover;
        int windowBits = server ? serverMaxWindowBits : clientMaxWindowBits;
        return new MessageDeflater(!noContextTakeover, windowBits < DeflateParameters.MAX_WINDOW_BITS);
    }

    /**
     * A decompressor for the peer's direction ({@code server} says which side we are), failing a
     * message with 1009 once it inflates beyond {@code maxInflatedMessageBytes}.
     */
    public MessageInflater newInflater(boolean server, long maxInflatedMessageBytes) {
        boolean peerNoContextTakeover = server ? clientNoContextTakeover : serverNoContextTakeover;
        return new MessageInflater(!peerNoContextTakeover, maxInflatedMessageBytes);
    }

    @Override
    public String toString() {
        return "DeflateAgreement[" + response.toHeaderValue() + "]";
    }
}
