package org.bowline.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shell steps the README gives users, read from the README itself so the tests run exactly
 * what it says. A step is the {@code ```sh} block right after a {@code <!-- distribution-test: NAME -->}
 * marker (invisible when the README is rendered).
 */
final class Readme {

    private final String text;
    private final Path file;

    private Readme(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    static Readme load() throws IOException {
        Path file = Path.of(Settings.required("bowline.readme"));
        return new Readme(file, Files.readString(file));
    }

    /** The commands of the block named {@code name}, as written. */
    String block(String name) {
        String marker = "<!-- distribution-test: " + name + " -->";
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException(file + " has no block marked " + marker);
        }
        int open = text.indexOf("```sh\n", at + marker.length());
        if (open < 0 || !text.substring(at + marker.length(), open).isBlank()) {
            throw new IllegalStateException(file + ": " + marker + " is not followed by a ```sh block");
        }
        int start = open + "```sh\n".length();
        int end = text.indexOf("```", start);
        if (end < 0) {
            throw new IllegalStateException(file + ": the block after " + marker + " is not closed");
        }
        return text.substring(start, end);
    }
}
