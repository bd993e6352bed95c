package org.bowline.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void aServerJvmThatRefusesItsOptionsIsReportedWhenItExitsWithItsStatusAndWhatItSaid() {
        long start = System.nanoTime();
        IOException failure = assertThrows(IOException.class, () -> ServerProcess.start(Implementation.RAW,
                Layout.fromCodeLocation(), List.of("-Xlog:no-such-tag"), null));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        String message = failure.getMessage();
        assertTrue(message.contains("raw did not start") && message.contains("exit status 1"), message);
        assertTrue(message.contains("Invalid -Xlog option"), "the JVM's own words, from the log: " + message);
        // Before, the run waited out the 90 s READY timeout for a process that had long exited.
        assertTrue(seconds < 60, "reported after " + seconds + " s");
    }
}
