package org.bowline.tck.arquillian;

import java.util.Locale;

/** The context path a WAR is served at, from its archive name, as application servers do. */
final class ContextPaths {

    private ContextPaths() {
    }

    /** {@code x.war} → {@code /x}; {@code ROOT.war} → {@code /} (the root context). */
    static String forArchive(String archiveName) {
        String name = archiveName;
        if (name.toLowerCase(Locale.ROOT).endsWith(".war")) {
            name = name.substring(0, name.length() - 4);
        }
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("Archive name " + archiveName
                    + " gives no usable context path; name it <context>.war");
        }
        return name.equals("ROOT") ? "/" : "/" + name;
    }
}
