package org.bowline.examples.service;

import java.time.Duration;
import java.util.List;

import org.bowline.adapter.service.Client;
import org.bowline.adapter.service.ClientConfiguration;
import org.bowline.adapter.service.ConnectionClosureError;
import org.bowline.adapter.service.ConnectionListener;
import org.bowline.adapter.service.ReadTimedOutError;
import org.bowline.adapter.service.RetryConfig;
import org.bowline.adapter.service.WebSocketError;

/**
 * {@code retry URL}: sends {@code ping <n>} every 500 ms and prints each reply. After a failed
 * connect or an abnormal close it prints {@code reconnecting in <ms> ms (attempt <k>)} before each
 * attempt (500 ms, doubling up to 4 s, without end) and {@code reconnected} once back. A normal
 * close by the server ends it (exit 0).
 */
public final class RetryClient extends ClientScenario {

    static final RetryConfig RETRY = new RetryConfig(0, Duration.ofMillis(500), 2.0, Duration.ofSeconds(4));
    private static final Duration PERIOD = Duration.ofMillis(500);

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "retry URL",
                "                     send ping <n> every 500 ms and print each reply; after a failed connect",
                "                     or an abnormal close print reconnecting in <ms> ms (attempt <k>), then",
                "                     reconnected once back");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        String url = urls(arguments, false).get(0);
        ClientConfiguration config = ClientConfiguration.builder()
                .retry(RETRY)
                .readTimeout(Duration.ofSeconds(2))
                .connectionListener(new Report())
                .build();
        try (Client client = new Client(url, config)) {
            for (int n = 1; ; n++) {
                client.writeTextMessage("ping " + n);
                try {
                    Console.println(client.readTextMessage());
                } catch (ReadTimedOutError e) {
                    // the ping or its reply was lost with a connection; the next one goes out on the new one
                } catch (ConnectionClosureError e) {
                    return e.statusCode() == 1006 ? 1 : 0;
                }
                Thread.sleep(PERIOD.toMillis());
            }
        } catch (ConnectionClosureError e) {
            return e.statusCode() == 1006 ? 1 : 0;
        }
    }

    /** Prints the retry's progress. */
    private static final class Report implements ConnectionListener {
        private volatile boolean away;

        @Override
        public void reconnecting(String url, Duration delay, int attempt, WebSocketError cause) {
            away = true;
            Console.println("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
        }

        @Override
        public void connected(String url, boolean reconnected) {
            if (away) {
                away = false;
                Console.println("reconnected");
            }
        }
    }
}
