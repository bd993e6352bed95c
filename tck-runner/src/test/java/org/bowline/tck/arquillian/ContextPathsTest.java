package org.bowline.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContextPathsTest {

    @Test
    void warNameGivesItsContextPath() {
        assertEquals("/wsc_negdep_onopen_srv_duplicate_web",
                ContextPaths.forArchive("wsc_negdep_onopen_srv_duplicate_web.war"));
        assertEquals("/x", ContextPaths.forArchive("x.WAR"));
    }

    @Test
    void rootWarIsTheRootContext() {
        assertEquals("/", ContextPaths.forArchive("ROOT.war"));
    }

    @Test
    void unusableNamesAreRefusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextPaths.forArchive(".war"));
        assertEquals(true, e.getMessage().contains(".war"));
    }
}
