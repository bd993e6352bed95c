package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

/**
 * RFC 6455 4.1: once the 101 is read the connection is in the OPEN state, and a server may send its
 * first frames in the same packet as the response; they belong to the session, none may be lost.
 */
class FramesBehindThe101Test {

    @Test
    void framesInTheSameWriteAsThe101ReachTheEndpointInOrder() throws Exception {
        String frames = "\u0081\u0005first" + "\u0081\u0006second";
        BowlineClientContainer client = new BowlineClientContainer();
        try (client;
             ScriptedServer server = new ScriptedServer(request -> ScriptedServer.switching(request, "") + frames)) {
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/x"));
            assertEquals("first", endpoint.next());
            assertEquals("second", endpoint.next());
            session.close();
        }
        ClientThreads.assertNoneLeft(client);
    }
}
