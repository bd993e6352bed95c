package org.bowline.examples.service;

import java.util.List;
import java.util.Set;

import org.bowline.examples.Options;
import org.bowline.examples.Subcommand;
import org.bowline.examples.UsageException;

/** A service-model client scenario: {@code NAME URL...}, no options. */
abstract class ClientScenario implements Subcommand {

    /** The URLs given, at least one, each ws:// or wss://. */
    protected List<String> urls(List<String> arguments, boolean many) throws UsageException {
        List<String> urls = Options.parse(name(), arguments, Set.of()).positional();
        if (urls.isEmpty() || !many && urls.size() > 1) {
            throw new UsageException(name() + ": give " + (many ? "one or more URLs" : "one URL") + ", as in: "
                    + usage().lines().findFirst().orElse(name()).trim());
        }
        for (String url : urls) {
            if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
                throw new UsageException(name() + ": not a ws:// or wss:// URL: " + url);
            }
        }
        return urls;
    }
}
