package org.bowline.tck.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one summary at the end of a TCK run: tests run, passed, failed, errors, skipped, and every test
 * that did not pass. A class whose set-up fails (an Arquillian deployment that throws) reports none of
 * its tests to the build tool; here each of them counts as an error, so the total is always the number
 * of tests in the TCK.
 *
 * <p>Registered through META-INF/services only in the {@code tck} profile. When the system property
 * {@value #SUMMARY_FILE} names a file, the summary is also written there.
 */
public class TckSummaryListener implements TestExecutionListener {

    public static final String SUMMARY_FILE = "bowline.tck.summaryFile";

    private final PrintStream out;
    private TestPlan plan;
    private final Set<TestIdentifier> finished = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> containerProblems = new ArrayList<>();
    private int passed;
    private int failed;
    private int errors;
    private int skipped;

    public TckSummaryListener() {
        this(System.out);
    }

    TckSummaryListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        for (TestIdentifier test : testsIn(id)) {
            if (finished.add(test)) {
                skipped++;
            }
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            if (!finished.add(id)) {
                return;
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> passed++;
                case ABORTED -> skipped++;
                case FAILED -> {
                    Throwable cause = result.getThrowable().orElse(null);
                    if (cause instanceof AssertionError) {
                        failed++;
                        problems.add("FAILED " + name(id) + " - " + describe(cause));
                    } else {
                        errors++;
                        problems.add("ERROR  " + name(id) + " - " + describe(cause));
                    }
                }
            }
            return;
        }
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            String cause = describe(result.getThrowable().orElse(null));
            int unreported = 0;
            for (TestIdentifier test : testsIn(id)) {
                if (finished.add(test)) {
                    errors++;
                    unreported++;
                    problems.add("ERROR  " + name(test) + " - not run, its class failed: " + cause);
                }
            }
            if (unreported == 0) {
                containerProblems.add(name(id) + " - " + cause);
            }
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        String summary = summary();
        out.println(summary);
        out.flush();
        String file = System.getProperty(SUMMARY_FILE);
        if (file != null && !file.isBlank()) {
            try {
                Path path = Path.of(file);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, summary + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the TCK summary to " + file, e);
            }
        }
    }

    /** The summary as printed. */
    synchronized String summary() {
        int run = passed + failed + errors + skipped;
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append("==================== Jakarta WebSocket TCK summary ====================").append(nl);
        b.append("Tests run: ").append(run).append(", passed: ").append(passed).append(", failed: ").append(failed)
                .append(", errors: ").append(errors).append(", skipped: ").append(skipped).append(nl);
        if (!problems.isEmpty()) {
            b.append("Tests that did not pass:").append(nl);
            problems.stream().sorted().forEach(p -> b.append("  ").append(p).append(nl));
        }
        if (!containerProblems.isEmpty()) {
            b.append("Failures outside any test (after its tests ran):").append(nl);
            containerProblems.stream().sorted().forEach(p -> b.append("  ").append(p).append(nl));
        }
        b.append("=======================================================================");
        return b.toString();
    }

    private List<TestIdentifier> testsIn(TestIdentifier id) {
        if (id.isTest()) {
            return List.of(id);
        }
        if (plan == null) {
            return List.of();
        }
        return plan.getDescendants(id).stream().filter(TestIdentifier::isTest).toList();
    }

    private static String name(TestIdentifier id) {
        return id.getSource().map(source -> {
            if (source instanceof MethodSource m) {
                return m.getClassName() + "#" + m.getMethodName();
            }
            if (source instanceof ClassSource c) {
                return c.getClassName();
            }
            return null;
        }).orElse(id.getDisplayName());
    }

    /** One line: the exception, and the innermost cause when it is another one (the TCK wraps a lot). */
    private static String describe(Throwable t) {
        if (t == null) {
            return "(no exception)";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = oneLine(t);
        return root == t ? line : line + " <- caused by " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip() + " ...";
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + " ...";
        }
        return t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }
}
