package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PeerReportTest {

    @Test
    void eachJsonLineIsOneCheckWithItsVerdictAndDetail() {
        PeerReport report = PeerReport.parse(List.of(
                "{\"check\":\"plain: echo text 0 bytes\",\"ok\":true,\"detail\":\"echoed 0 bytes\"}",
                "{ \"check\" : \"deflate: close 1000 echoed\", \"ok\" : false, \"detail\" : \"close \\\"1006\\\"\\n\\u00e9\" }"));

        assertEquals(List.of("plain: echo text 0 bytes", "deflate: close 1000 echoed"), List.copyOf(report.checks().keySet()));
        assertTrue(report.checks().get("plain: echo text 0 bytes").ok());
        PeerReport.Check failed = report.checks().get("deflate: close 1000 echoed");
        assertFalse(failed.ok());
        assertEquals("close \"1006\"\né", failed.detail());
        assertEquals("", report.otherOutput());
    }

    @Test
    void linesThatAreNotChecksAreKeptAsOtherOutput() {
        PeerReport report = PeerReport.parse(List.of(
                "(node:1) Warning: something",
                "{\"check\":\"no verdict\"}",
                "{\"check\":\"truncated\",\"ok\":tr",
                "{\"check\":\"x\",\"ok\":true} trailing"));

        assertEquals(0, report.checks().size());
        assertEquals(4, report.otherOutput().lines().count());
    }
}
