package org.bowline.container.session;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.MessageInflater;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Role;

/**
 * Builds a session's frame pipeline from its setup: inbound, the parser feeding the assembler
 * (inflating when permessage-deflate was agreed) which hands messages to the listener, both held to
 * the session's one {@link InboundLimits}; outbound, the frame sender (deflating likewise).
 */
final class SessionPipeline {

    final FrameParser parser;
    final InboundAssembler assembler;
    final FrameSender sender;

    SessionPipeline(SessionSetup setup, InboundListener listener, InboundLimits limits) {
        boolean server = setup.role() == Role.SERVER;
        DeflateAgreement deflate = setup.deflate();
        SessionLimits configured = setup.limits();
        // The inflate limit is the one the session opened with (the extension knows no session limits).
        MessageInflater inflater = deflate == null ? null
                : deflate.newInflater(server, Math.max(configured.maxTextMessageBytes(), configured.maxBinaryMessageBytes()));
        this.assembler = new InboundAssembler(listener, inflater, limits);
        this.parser = new FrameParser(setup.role(), assembler);
        parser.setLimits(limits);
        if (deflate != null) {
            parser.setAllowedRsv(FrameHeader.RSV1);
        }
        this.sender = new FrameSender(setup.connection(), !server, deflate == null ? null : deflate.newDeflater(server));
    }
}
