package org.bowline.examples.service;

import java.util.List;
import java.util.Map;

import org.bowline.adapter.service.AcceptedUpgrade;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.UpgradeError;
import org.bowline.examples.Options;

/**
 * {@code upgrade}: at /ws, a request carrying {@code Authorization: Bearer letmein} is upgraded (the
 * 101 carries {@code X-Upgrade-Handled: true}); any other is refused with 401, a body saying why and
 * the same header.
 */
public final class UpgradeScenario extends ServerScenario {

    static final String TOKEN = "letmein";
    private static final Map<String, List<String>> HANDLED = Map.of("X-Upgrade-Handled", List.of("true"));

    @Override
    public String name() {
        return "upgrade";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "upgrade [--host HOST] [--port PORT]",
                "                     ws://HOST:PORT/ws upgrades only requests with 'Authorization: Bearer "
                        + TOKEN + "'",
                "                     (101 with X-Upgrade-Handled: true); others get 401 with that header too");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> {
            String authorization = request.header("Authorization");
            if (authorization == null) {
                throw new UpgradeError(401, "Unauthorized: the request has no Authorization header", HANDLED);
            }
            if (!authorization.equals("Bearer " + TOKEN)) {
                throw new UpgradeError(401, "Unauthorized: the bearer token is not valid", HANDLED);
            }
            return AcceptedUpgrade.of(new ServiceEcho.EchoService()).withHeader("X-Upgrade-Handled", "true");
        });
    }
}
