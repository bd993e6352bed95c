package org.bowline.container.server;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The container's default {@link ServerEndpointConfig.Configurator}, found through ServiceLoader
 * as the Jakarta API requires: first client-preferred subprotocol we support, the requested
 * extensions we have installed in the client's order, any origin, no change to the handshake, a
 * new endpoint per session.
 *
 * <p>Every method is implemented here and none calls {@code super}: the base class's methods are
 * not the same in every API jar. Tomcat's {@code websocket-api.jar}, for one, makes each of them
 * (modifyHandshake included) delegate to the container default configurator - this class - so a
 * method left to the base class would call itself until the stack overflows.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /**
     * Each endpoint class's public no-argument constructor, looked up once (null when it has none): the lookup
     * copies the constructor and checks access on every call, once per handshake otherwise. Kept on the class
     * itself, so a web application's endpoint classes are not held after it is undeployed.
     */
    private static final ClassValue<Constructor<?>> NO_ARGUMENT_CONSTRUCTOR = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException | SecurityException e) {
                return null;   // getEndpointInstance asks again, for the exception to report
            }
        }
    };

    /** This is the container's default; asking it for the default must not go back to the API's lookup. */
    @Override
    public ServerEndpointConfig.Configurator getContainerDefaultConfigurator() {
        return this;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String candidate : requested) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> result = new ArrayList<>();
        for (Extension wanted : requested) {
            for (Extension have : installed) {
                if (have.getName().equalsIgnoreCase(wanted.getName())) {
                    result.add(wanted);
                    break;
                }
            }
        }
        return result;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // The default accepts the handshake as negotiated.
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            Constructor<?> constructor = NO_ARGUMENT_CONSTRUCTOR.get(endpointClass);
            return endpointClass.cast((constructor != null ? constructor : endpointClass.getConstructor()).newInstance());
        } catch (InvocationTargetException e) {
            InstantiationException ie = new InstantiationException("Constructor of " + endpointClass.getName()
                    + " threw " + e.getCause());
            ie.initCause(e.getCause());
            throw ie;
        } catch (ReflectiveOperationException e) {
            InstantiationException ie = new InstantiationException("Cannot create endpoint " + endpointClass.getName()
                    + ": it needs a public no-argument constructor (" + e + ")");
            ie.initCause(e);
            throw ie;
        }
    }
}
