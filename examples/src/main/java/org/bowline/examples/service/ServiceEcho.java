package org.bowline.examples.service;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.Service;
import org.bowline.examples.Options;

/** {@code service-echo}: at /ws, text is answered with "Echo: " + text and binary is echoed. */
public final class ServiceEcho extends ServerScenario {

    /** The echo every scenario that answers text uses. */
    static class EchoService implements Service {
        @Override
        public Object onTextMessage(Caller caller, String text) {
            return "Echo: " + text;
        }

        @Override
        public Object onBinaryMessage(Caller caller, byte[] data) {
            return data;
        }
    }

    @Override
    public String name() {
        return "service-echo";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "service-echo [--host HOST] [--port PORT]",
                "                     the service model's echo at ws://HOST:PORT/ws: text is answered with",
                "                     \"Echo: \" + text, binary is echoed");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> new EchoService());
    }
}
