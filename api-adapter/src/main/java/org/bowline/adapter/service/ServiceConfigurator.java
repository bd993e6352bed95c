package org.bowline.adapter.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.ReasonPhrase;
import org.bowline.container.server.DefaultServerConfigurator;
import org.bowline.container.server.HandshakeRefusedException;

/**
 * Where the container's handshake meets the service model: asks the mount's {@link UpgradeService}
 * for the connection's {@link Service} (or refuses the upgrade), picks the subprotocol in the
 * client's order, and hands the service to the {@link ServiceEndpoint} it creates through the
 * connection's user properties (which the Jakarta API carries from the handshake to the session).
 */
final class ServiceConfigurator extends DefaultServerConfigurator {

    /** The user property that carries a connection's {@link Upgraded} from the handshake to its endpoint. */
    static final String UPGRADED = Upgraded.class.getName();

    private static final System.Logger LOG = System.getLogger(ServiceConfigurator.class.getName());

    /** What the handshake settled for one connection. */
    record Upgraded(Service service, ServiceConfiguration configuration, OpenConnections connections) {
    }

    private final ServiceMount mount;

    ServiceConfigurator(ServiceMount mount) {
        this.mount = mount;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        ServiceMount.Binding binding = mount.binding();
        String chosen = binding == null ? null : binding.configuration().negotiate(requested);
        return chosen == null ? "" : chosen;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        ServiceMount.Binding binding = mount.binding();
        if (binding == null) {
            throw refused(404, "No WebSocket service at " + request.getRequestURI().getPath(), Map.of());
        }
        if (mount.connections().refusing()) {
            throw refused(503, "The server is stopping", Map.of());
        }
        UpgradeRequest upgrade = UpgradeRequest.of(request);
        Service service;
        try {
            service = binding.service().get(upgrade);
        } catch (UpgradeError e) {
            throw refused(e.status(), e.getMessage() == null ? "" : e.getMessage(), e.headers());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "The upgrade service at " + mount.path() + " failed on " + upgrade, e);
            throw refused(500, "Internal server error", Map.of());
        }
        if (service == null) {
            LOG.log(System.Logger.Level.WARNING, "The upgrade service at {0} returned no Service for {1}",
                    mount.path(), upgrade);
            throw refused(500, "Internal server error", Map.of());
        }
        if (service instanceof AcceptedUpgrade accepted) {
            accepted.headers().forEach((name, values) ->
                    response.getHeaders().computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
            service = accepted.service();
        }
        sec.getUserProperties().put(UPGRADED, new Upgraded(service, binding.configuration(), mount.connections()));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != ServiceEndpoint.class) {
            throw new InstantiationException("The service model serves only " + ServiceEndpoint.class.getName()
                    + ", not " + endpointClass.getName());
        }
        return endpointClass.cast(new ServiceEndpoint());
    }

    private static HandshakeRefusedException refused(int status, String body, Map<String, List<String>> headers) {
        return new HandshakeRefusedException(new HandshakeRejection(status, ReasonPhrase.of(status),
                HttpHeaders.fromMap(headers), body));
    }
}
