package org.bowline.examples.service;

import java.util.Base64;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.examples.Options;

/**
 * {@code pingpong}: /ws handles pings itself (prints {@code Ping received with data: <base64>} and
 * answers the pong) and prints {@code Pong received with data: <base64>} for each pong.
 */
public final class PingPongScenario extends ServerScenario {

    @Override
    public String name() {
        return "pingpong";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "pingpong [--host HOST] [--port PORT]",
                "                     ws://HOST:PORT/ws prints 'Ping received with data: BASE64' and answers each",
                "                     ping with a pong itself; prints 'Pong received with data: BASE64' for pongs");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> new ServiceEcho.EchoService() {
            @Override
            public void onPing(Caller caller, byte[] data) {
                Console.println("Ping received with data: " + Base64.getEncoder().encodeToString(data));
                caller.pong(data);
            }

            @Override
            public void onPong(Caller caller, byte[] data) {
                Console.println("Pong received with data: " + Base64.getEncoder().encodeToString(data));
            }
        });
    }
}
