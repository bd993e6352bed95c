package org.bowline.tck.report.samples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Run only by TckSummaryListenerTest: a class whose set-up fails, as a throwing Arquillian deployment does. */
public class FailingDeploymentSamples {

    @BeforeAll
    static void deploy() {
        throw new IllegalStateException("deliberately failing deployment");
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
}
