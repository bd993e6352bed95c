package org.bowline.examples.service;

import java.time.Duration;
import java.util.List;

import org.bowline.adapter.service.Client;
import org.bowline.adapter.service.ClientConfiguration;
import org.bowline.adapter.service.ConnectionClosureError;
import org.bowline.adapter.service.ConnectionListener;
import org.bowline.adapter.service.FailoverConfig;

/**
 * {@code failover URL1 URL2 ...}: connects to the first URL that answers and prints
 * {@code connected to <url>} for every connection it makes; when a connect fails or the connection
 * drops (1006), it moves on to the next URL (after the last, the first again) 500 ms later. It gives
 * up (exit 1) once every URL failed to connect in a row; a normal close by a server ends it (exit 0).
 */
public final class FailoverClient extends ClientScenario {

    static final Duration INTERVAL = Duration.ofMillis(500);

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "failover URL1 URL2 ...",
                "                     print connected to <url> for every connection it makes; move to the",
                "                     next URL when one fails");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        List<String> urls = urls(arguments, true);
        ClientConfiguration config = ClientConfiguration.builder()
                .failover(new FailoverConfig(urls, INTERVAL))
                .connectionListener(new ConnectionListener() {
                    @Override
                    public void connected(String url, boolean reconnected) {
                        Console.println("connected to " + url);
                    }
                })
                .build();
        try (Client client = new Client(urls.get(0), config)) {
            while (true) {
                client.readMessage(); // what the servers send is not this scenario's business
            }
        } catch (ConnectionClosureError e) {
            if (e.statusCode() == 1006) {
                System.err.println(e.getMessage());
                return 1;
            }
            return 0;
        }
    }
}
