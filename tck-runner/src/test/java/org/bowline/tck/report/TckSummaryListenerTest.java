package org.bowline.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bowline.tck.report.samples.FailingDeploymentSamples;
import org.bowline.tck.report.samples.MixedOutcomeSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class TckSummaryListenerTest {

    private static String run(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TckSummaryListener listener = new TckSummaryListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest discovery = request.build();
        // Auto-registration off, so a TCK-profile registration of the listener cannot double the output.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener)
                .build());
        launcher.execute(discovery);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryOutcomeAndNamesTestsThatDidNotPass() {
        String summary = run(MixedOutcomeSamples.class);
        assertTrue(summary.contains("Tests run: 6, passed: 1, failed: 1, errors: 2, skipped: 2"), summary);
        String samples = MixedOutcomeSamples.class.getName();
        assertTrue(summary.contains("FAILED " + samples + "#failsAnAssertion - "), summary);
        assertTrue(summary.contains("ERROR  " + samples + "#throwsAnException - java.lang.Exception: deliberate error"
                + " ..."), summary);
        assertFalse(summary.contains("second line not shown"), "one line per test: " + summary);
        assertTrue(summary.contains("#throwsAWrappedException - java.lang.Exception: wrapper <- caused by "
                + "java.io.IOException: innermost"), "the innermost cause is named: " + summary);
        assertFalse(summary.contains("#passes"), summary);
    }

    @Test
    void testsOfAClassWhoseSetUpFailedCountAsErrors() {
        String summary = run(MixedOutcomeSamples.class, FailingDeploymentSamples.class);
        assertTrue(summary.contains("Tests run: 8, passed: 1, failed: 1, errors: 4, skipped: 2"), summary);
        String samples = FailingDeploymentSamples.class.getName();
        assertTrue(summary.contains("ERROR  " + samples + "#first - not run, its class failed: "
                + "java.lang.IllegalStateException: deliberately failing deployment"), summary);
        assertTrue(summary.contains("ERROR  " + samples + "#second - "), summary);
    }

    @Test
    void summaryIsAlsoWrittenToTheNamedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/tck-summary.txt");
        String previous = System.setProperty(TckSummaryListener.SUMMARY_FILE, file.toString());
        try {
            String printed = run(MixedOutcomeSamples.class);
            assertEquals(printed.strip(), Files.readString(file).strip());
        } finally {
            if (previous == null) {
                System.clearProperty(TckSummaryListener.SUMMARY_FILE);
            } else {
                System.setProperty(TckSummaryListener.SUMMARY_FILE, previous);
            }
        }
    }
}
