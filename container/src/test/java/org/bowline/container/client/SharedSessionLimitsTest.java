package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.Test;

/**
 * Sessions keep the {@link SessionLimits} they open with; an idle server holds thousands of them, so
 * while the container's defaults stay the same they all get one shared (immutable) instance.
 */
class SharedSessionLimitsTest {

    @Test
    void sessionsShareOneLimitsObjectUntilADefaultChanges() {
        try (BowlineClientContainer container = new BowlineClientContainer()) {
            SessionLimits first = container.limitsForNewSession();
            assertSame(first, container.limitsForNewSession());

            container.setDefaultMaxTextMessageBufferSize(4096);
            SessionLimits changed = container.limitsForNewSession();
            assertNotSame(first, changed);
            assertEquals(4096, changed.maxTextMessageBytes());
            assertSame(changed, container.limitsForNewSession());

            container.setDefaultMaxSessionIdleTimeout(1234);
            assertEquals(1234, container.limitsForNewSession().idleTimeoutMillis());
            assertEquals(4096, container.limitsForNewSession().maxTextMessageBytes());
        }
    }
}
