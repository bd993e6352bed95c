package org.bowline.examples.service;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.examples.Options;

/** {@code close}: /ws prints {@code Client closed connection with <code> because of <reason>}. */
public final class CloseScenario extends ServerScenario {

    @Override
    public String name() {
        return "close";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "close [--host HOST] [--port PORT]",
                "                     ws://HOST:PORT/ws echoes text and prints",
                "                     'Client closed connection with CODE because of REASON' when a client closes");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> new ServiceEcho.EchoService() {
            @Override
            public void onClose(Caller caller, int statusCode, String reason) {
                Console.println("Client closed connection with " + statusCode + " because of " + reason);
            }
        });
    }
}
