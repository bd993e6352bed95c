package org.bowline.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a README block with bash, failing on the first command that fails, as a user's terminal would show. */
final class Shell {

    private static final long TIMEOUT_SECONDS = 120;

    private Shell() {
    }

    static void run(String script, Path dir, Path transcript) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("bash", "-euo", "pipefail", "-c", script))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(transcript.toFile()))
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Still running after " + TIMEOUT_SECONDS + " s in " + dir + ":\n" + script);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Exit status " + process.exitValue() + " in " + dir + " from\n" + script
                    + "\n--- output ---\n" + Files.readString(transcript, StandardCharsets.UTF_8));
        }
    }
}
