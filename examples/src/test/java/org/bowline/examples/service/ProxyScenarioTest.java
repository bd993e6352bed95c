package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.CloseFrame;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.ListenerConfiguration;
import org.bowline.adapter.service.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code proxy}: each client gets its own backend connection; messages and closes cross in both directions. */
class ProxyScenarioTest {

    private final Listener backend = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());
    private final BlockingQueue<String> backendSaw = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        backend.immediateStop();
    }

    /** Echoes with its connection's id, closes with 4000 on "bye", and reports its closes. */
    private URI startBackend() throws Exception {
        backend.attach("/backend", request -> new Service() {
            @Override
            public Object onTextMessage(Caller caller, String text) {
                return text.equals("bye") ? new CloseFrame(4000, "backend says bye")
                        : "backend " + caller.getConnectionId() + ": " + text;
            }

            @Override
            public Object onBinaryMessage(Caller caller, byte[] data) {
                return data;
            }

            @Override
            public void onClose(Caller caller, int statusCode, String reason) {
                backendSaw.add("closed " + statusCode + " " + reason);
            }
        });
        backend.start();
        return URI.create("ws://127.0.0.1:" + backend.port() + "/backend");
    }

    @Test
    void relaysBothWaysOverOneBackendConnectionPerClientAndClosesEachSideWithTheOther() throws Exception {
        URI backendUrl = startBackend();
        try (ScenarioProcess scenario = ScenarioProcess.start("proxy", "--port", "0", "--backend", backendUrl.toString())) {
            URI url = scenario.awaitReady();
            try (JdkClient a = JdkClient.connect(url); JdkClient b = JdkClient.connect(url)) {
                a.sendText("one");
                b.sendText("two");
                String fromA = a.nextText();
                String fromB = b.nextText();
                assertEquals(true, fromA.startsWith("backend ") && fromA.endsWith(": one"), fromA);
                assertEquals(true, fromB.startsWith("backend ") && fromB.endsWith(": two"), fromB);
                assertEquals(false, fromA.split(":")[0].equals(fromB.split(":")[0]), "one backend connection each");
                a.sendBinary(new byte[] {7, 8});
                assertArrayEquals(new byte[] {7, 8}, a.nextBinary());

                a.sendClose(4100, "client leaves");
                assertEquals("closed 4100 client leaves", backendSaw.poll(10, TimeUnit.SECONDS));

                b.sendText("bye");
                assertEquals(new JdkClient.Closed(4000, "backend says bye"), b.nextClose());
            }
        }
    }

    @Test
    void aClientIsClosedWith1014WhenTheBackendCannotBeReached() throws Exception {
        URI backendUrl = startBackend();
        backend.immediateStop();
        try (ScenarioProcess scenario = ScenarioProcess.start("proxy", "--port", "0", "--backend", backendUrl.toString())) {
            URI url = scenario.awaitReady();
            try (JdkClient client = JdkClient.connect(url)) {
                assertEquals(1014, client.nextClose().code());
            }
        }
    }

    @Test
    void withoutABackendItIsAUsageError() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("proxy", "--port", "0")) {
            assertEquals(2, scenario.awaitExit());
            assertEquals(true, scenario.stderr().contains("--backend"), scenario.stderr());
        }
    }
}
