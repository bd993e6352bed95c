package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ServiceConfig and ServiceConfiguration: subprotocols in the client's order, idle timeout, max frame size. */
class ServiceConfigurationTest {

    private final Listener listener = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());

    @AfterEach
    void stop() {
        listener.immediateStop();
    }

    private URI url(String path) {
        return URI.create("ws://127.0.0.1:" + listener.port() + path);
    }

    /** Tells the subprotocol the caller agreed. */
    @ServiceConfig(subProtocols = {"xml", "json"}, idleTimeout = 120)
    static final class ProtocolTelling implements UpgradeService {
        @Override
        public Service get(UpgradeRequest request) {
            return new Service() {
                @Override
                public Object onTextMessage(Caller caller, String text) {
                    return "protocol " + caller.getNegotiatedSubProtocol();
                }
            };
        }
    }

    @Test
    void theAnnotationStatesTheConfigurationAndDefaultsFillTheRest() {
        ServiceConfiguration configuration = ServiceConfiguration.forService(new ProtocolTelling());
        assertEquals(List.of("xml", "json"), configuration.subProtocols());
        assertEquals(Duration.ofSeconds(120), configuration.idleTimeout());
        assertEquals(65536, configuration.maxFrameSize());
        assertEquals(Duration.ofSeconds(60), configuration.connectionClosureTimeout());
        ServiceConfiguration lambda = ServiceConfiguration.forService(request -> new EchoService());
        assertEquals(List.of(), lambda.subProtocols());
        assertEquals(Duration.ZERO, lambda.idleTimeout(), "no idle timeout unless asked");
    }

    @Test
    void theServerPicksTheClientsFirstAcceptableSubprotocolInTheClientsOrder() throws Exception {
        listener.attach("/ws", new ProtocolTelling());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"), List.of("mqtt", "json"))) {
            assertEquals("json", client.socket.getSubprotocol());
            client.sendText("which?");
            assertEquals("protocol json", client.nextText());
        }
        try (JdkClient client = JdkClient.connect(url("/ws"), List.of("json", "xml"))) {
            assertEquals("json", client.socket.getSubprotocol(), "the client's order, not the server's");
        }
        try (JdkClient client = JdkClient.connect(url("/ws"), List.of("mqtt"))) {
            assertEquals("", client.socket.getSubprotocol());
            client.sendText("which?");
            assertEquals("protocol null", client.nextText());
        }
    }

    @Test
    void anIdleConnectionIsReportedToOnIdleTimeoutAndStaysOpenUnlessTheServiceCloses() throws Exception {
        AtomicInteger idle = new AtomicInteger();
        listener.attach("/ws", request -> new EchoService() {
            @Override
            public void onIdleTimeout(Caller caller) {
                int n = idle.incrementAndGet();
                caller.writeTextMessage("idle " + n);
                if (n == 2) {
                    caller.close(4000, "idle twice");
                }
            }
        }, ServiceConfiguration.builder().idleTimeout(Duration.ofMillis(200)).build());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            assertEquals("idle 1", client.nextText());
            client.assertEchoes("still open after idling");
            assertEquals("idle 2", client.nextText());
            assertEquals(new JdkClient.Closed(4000, "idle twice"), client.nextClose());
        }
    }

    @Test
    void aFrameOverMaxFrameSizeClosesWith1009() throws Exception {
        listener.attach("/default", request -> new EchoService());
        listener.attach("/small", request -> new EchoService(), ServiceConfiguration.builder().maxFrameSize(100).build());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/default"))) {
            client.sendBinary(new byte[65536]);
            assertEquals(65536, client.nextBinary().length, "a frame of exactly 64 KiB is accepted");
            client.sendBinary(new byte[65537]);
            assertEquals(1009, client.nextClose().code());
        }
        try (JdkClient client = JdkClient.connect(url("/small"))) {
            client.assertEchoes("x".repeat(90));
            client.sendText("y".repeat(101));
            assertEquals(1009, client.nextClose().code());
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServiceConfiguration.builder().maxFrameSize(0)).getMessage().contains("maxFrameSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServiceConfiguration.builder().idleTimeout(Duration.ofSeconds(-1))).getMessage().contains("idleTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServiceConfiguration.builder().connectionClosureTimeout(Duration.ZERO)).getMessage()
                .contains("connectionClosureTimeout"));
        assertNull(ServiceConfiguration.defaults().negotiate(List.of("json")));
    }
}
