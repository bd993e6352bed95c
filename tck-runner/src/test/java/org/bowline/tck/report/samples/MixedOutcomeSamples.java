package org.bowline.tck.report.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Run only by TckSummaryListenerTest's own launcher: one of each outcome, some failing on purpose. */
public class MixedOutcomeSamples {

    @Test
    void passes() {
        assertEquals(2, 1 + 1);
    }

    @Test
    void failsAnAssertion() {
        assertEquals("expected", "actual", "deliberate assertion failure");
    }

    @Test
    void throwsAnException() throws Exception {
        throw new Exception("deliberate error\nsecond line not shown");
    }

    @Test
    void throwsAWrappedException() throws Exception {
        throw new Exception("wrapper", new IllegalStateException("wrapped", new java.io.IOException("innermost")));
    }

    @Test
    void isAborted() {
        Assumptions.assumeTrue(false, "deliberately aborted");
    }

    @Disabled("deliberately disabled")
    @Test
    void isDisabled() {
    }
}
