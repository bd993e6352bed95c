package org.bowline.container.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

import jakarta.websocket.DeploymentException;

/**
 * Creates what annotations name by class (configurators, client endpoint classes) through their
 * public no-argument constructor, turning every failure into a DeploymentException that says what
 * the class was for.
 */
public final class Instantiator {

    private Instantiator() {
    }

    /**
     * @param role what the class is, for the message, e.g. "configurator of endpoint com.example.Chat"
     */
    public static <T> T create(Class<T> type, String role) throws DeploymentException {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new DeploymentException("Cannot create " + type.getName() + " (" + role + "): it is abstract");
        }
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException("Cannot create " + type.getName() + " (" + role
                    + "): it needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new DeploymentException("Cannot create " + type.getName() + " (" + role
                    + "): its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot create " + type.getName() + " (" + role + "): " + e, e);
        }
    }
}
