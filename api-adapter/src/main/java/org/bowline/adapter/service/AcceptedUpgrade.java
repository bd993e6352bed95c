package org.bowline.adapter.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Service} returned together with headers for the upgrade's 101 answer:
 * {@code return AcceptedUpgrade.of(service).withHeader("X-Upgrade-Handled", "true");}. It serves
 * the connection exactly as the service it wraps.
 *
 * @param service the service for the connection
 * @param headers extra response headers, read-only
 */
public record AcceptedUpgrade(Service service, Map<String, List<String>> headers) implements Service {

    public AcceptedUpgrade {
        Objects.requireNonNull(service, "service");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public static AcceptedUpgrade of(Service service) {
        return new AcceptedUpgrade(service, Map.of());
    }

    /** A copy that also sends {@code name: value}. */
    public AcceptedUpgrade withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.merge(name, List.of(value), (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return both;
        });
        return new AcceptedUpgrade(service, more);
    }

    @Override
    public void onOpen(Caller caller) {
        service.onOpen(caller);
    }

    @Override
    public Object onTextMessage(Caller caller, String text) {
        return service.onTextMessage(caller, text);
    }

    @Override
    public Object onBinaryMessage(Caller caller, byte[] data) {
        return service.onBinaryMessage(caller, data);
    }

    @Override
    public void onPing(Caller caller, byte[] data) {
        service.onPing(caller, data);
    }

    @Override
    public void onPong(Caller caller, byte[] data) {
        service.onPong(caller, data);
    }

    @Override
    public void onIdleTimeout(Caller caller) {
        service.onIdleTimeout(caller);
    }

    @Override
    public void onClose(Caller caller, int statusCode, String reason) {
        service.onClose(caller, statusCode, reason);
    }

    @Override
    public void onError(Caller caller, Throwable error) {
        service.onError(caller, error);
    }
}
