package org.bowline.examples.service;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.Service;
import org.bowline.adapter.service.ServiceConfig;
import org.bowline.adapter.service.UpgradeRequest;
import org.bowline.adapter.service.UpgradeService;
import org.bowline.examples.Options;

/**
 * {@code subprotocol}: /ws speaks {@code xml} and {@code json} (the client's first acceptable one in
 * its order wins) with a 120 s idle timeout, and prints {@code Negotiated sub-protocol: <name>}.
 */
public final class SubprotocolScenario extends ServerScenario {

    @ServiceConfig(subProtocols = {"xml", "json"}, idleTimeout = 120)
    static final class SubprotocolService implements UpgradeService {
        @Override
        public Service get(UpgradeRequest request) {
            return new ServiceEcho.EchoService() {
                @Override
                public void onOpen(Caller caller) {
                    Console.println("Negotiated sub-protocol: " + caller.getNegotiatedSubProtocol());
                }
            };
        }
    }

    @Override
    public String name() {
        return "subprotocol";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "subprotocol [--host HOST] [--port PORT]",
                "                     ws://HOST:PORT/ws speaks xml and json (client's order), idle timeout 120 s;",
                "                     prints 'Negotiated sub-protocol: NAME' for each connection, echoes text");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", new SubprotocolService());
    }
}
