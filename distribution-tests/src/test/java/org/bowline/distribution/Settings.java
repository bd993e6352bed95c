package org.bowline.distribution;

import java.nio.file.Path;

/** What the build passes the tests (see failsafe's systemPropertyVariables in the pom). */
final class Settings {

    private Settings() {
    }

    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set (run the tests through Maven: mvn -B verify)");
        }
        return value;
    }

    static Path path(String name) {
        return Path.of(required(name)).toAbsolutePath().normalize();
    }
}
