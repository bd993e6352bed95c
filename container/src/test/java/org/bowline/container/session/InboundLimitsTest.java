package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the one limits object answers the parser, the assembler and the dispatcher. */
class InboundLimitsTest {

    @Test
    void byDefaultTheFrameLimitFollowsTheMessageLimitsButNeverDropsBelowTheOpeningOnes() {
        InboundLimits limits = new InboundLimits(SessionLimits.defaults().withMaxMessageBytes(1000, 2000));
        assertEquals(2000, limits.maxFramePayload());
        limits.setMaxTextMessageBytes(5000);
        assertEquals(5000, limits.maxFramePayload(), "raised with the text buffer size");
        limits.setMaxTextMessageBytes(10);
        limits.setMaxBinaryMessageBytes(10);
        assertEquals(2000, limits.maxFramePayload(), "a streaming handler still takes the frames it took at open");
        assertEquals(10, limits.maxMessageBytes(true));
        assertEquals(10, limits.maxMessageBytes(false));
    }

    @Test
    void aFixedFrameLimitIsKeptWhateverTheMessageLimits() {
        InboundLimits limits = new InboundLimits(SessionLimits.defaults().withMaxMessageBytes(1000, 1000)
                .withMaxFramePayload(100));
        assertEquals(100, limits.maxFramePayload());
        limits.setMaxTextMessageBytes(1 << 20);
        assertEquals(100, limits.maxFramePayload());
        limits.setMaxFramePayload(7);
        assertEquals(7, limits.maxFramePayload());
    }

    @Test
    void theFragmentLimitComesFromTheSessionLimitsAndItsSetter() {
        assertEquals(SessionLimits.DEFAULT_MAX_FRAGMENTS,
                new InboundLimits(SessionLimits.defaults()).maxFragmentsPerMessage());
        InboundLimits limits = new InboundLimits(SessionLimits.defaults().withMaxFragmentsPerMessage(3));
        assertEquals(3, limits.maxFragmentsPerMessage());
        limits.setMaxFragmentsPerMessage(9);
        assertEquals(9, limits.maxFragmentsPerMessage());
    }

    @Test
    void sessionLimitsRefuseAFragmentLimitBelowOneAndANegativeFrameLimit() {
        assertEquals("maxFragmentsPerMessage must be > 0, was 0", assertThrows(IllegalArgumentException.class,
                () -> SessionLimits.defaults().withMaxFragmentsPerMessage(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionLimits.defaults().withMaxFramePayload(-1));
        assertEquals(SessionLimits.FRAME_FOLLOWS_MESSAGES, SessionLimits.defaults().maxFramePayload());
    }
}
