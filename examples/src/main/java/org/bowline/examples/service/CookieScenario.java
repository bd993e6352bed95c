package org.bowline.examples.service;

import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.UpgradeError;
import org.bowline.examples.Options;

/** {@code cookie}: /ws refuses (401) an upgrade without a cookie named {@code session}, and echoes otherwise. */
public final class CookieScenario extends ServerScenario {

    @Override
    public String name() {
        return "cookie";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "cookie [--host HOST] [--port PORT]",
                "                     ws://HOST:PORT/ws refuses (401) an upgrade without a cookie named 'session';",
                "                     answers text with \"Echo: \" + text");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> {
            String session = request.cookie("session");
            if (session == null || session.isEmpty()) {
                throw UpgradeError.unauthorized("Unauthorized: the request has no 'session' cookie");
            }
            return new ServiceEcho.EchoService();
        });
    }
}
