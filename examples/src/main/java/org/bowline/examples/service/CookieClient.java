package org.bowline.examples.service;

import java.time.Duration;
import java.util.List;

import org.bowline.adapter.service.Client;
import org.bowline.adapter.service.ClientConfiguration;

/**
 * {@code cookie-client URL}: connects with {@code Cookie: session=...}, sends {@code Hello!} and
 * prints {@code Response: <reply>}.
 */
public final class CookieClient extends ClientScenario {

    static final String SESSION = "bowline-demo-session";

    @Override
    public String name() {
        return "cookie-client";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "cookie-client URL",
                "                     connect with Cookie: session=" + SESSION + ", send Hello!",
                "                     and print Response: <reply>");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        String url = urls(arguments, false).get(0);
        ClientConfiguration config = ClientConfiguration.builder()
                .cookie("session", SESSION)
                .readTimeout(Duration.ofSeconds(10))
                .build();
        try (Client client = new Client(url, config)) {
            client.writeTextMessage("Hello!");
            Console.println("Response: " + client.readTextMessage());
        }
        return 0;
    }
}
