package org.bowline.adapter.blocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

/** Starts blocking servers on free ports for a test and force-closes them after it. */
abstract class BlockingServerFixture {

    private final List<BlockingServer> servers = new ArrayList<>();
    /** What server handlers report (messages, exceptions, markers), in order. */
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    BlockingServer serve(Handler handler) throws Exception {
        return serve(Options.defaults(), handler);
    }

    BlockingServer serve(Options options, Handler handler) throws Exception {
        BlockingServer server = WebSockets.serve("127.0.0.1", 0, options, handler);
        servers.add(server);
        return server;
    }

    /** The next event a handler reported, failing after 10 s. */
    Object event() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event from the handler within 10 s");
        }
        return event;
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (BlockingServer server : servers) {
            server.forceClose();
        }
    }
}
