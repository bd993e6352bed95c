package org.bowline.servlet;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import jakarta.servlet.http.WebConnection;

/**
 * Ends an upgraded connection so that its TCP connection closes now: after the closing handshake
 * the server closes TCP at once (RFC 6455 section 7.1.1), and the connection must never go back to
 * being an HTTP connection that reads what the peer sends next.
 *
 * <p>{@link WebConnection#close()} closes the two streams; what the container then does with the
 * socket differs. Undertow closes it. Jetty completes the request and goes back to parsing HTTP
 * unless a read happens to be pending: {@code JettyUpgradedInput}, which Jetty needs for upgraded
 * input anyway, closes the connection when the upgraded request completes. Tomcat closes the
 * socket only when it next dispatches an event for it, which never comes when the close happens
 * on a thread of ours and the peer waits for us to close first; no Servlet API call reaches the
 * socket, so on Tomcat it is closed through Tomcat's socket wrapper, as Tomcat's own WebSocket
 * implementation does.
 */
final class UpgradedSocket {

    private static final System.Logger LOG = System.getLogger(UpgradedSocket.class.getName());

    private static final String TOMCAT_UPGRADED = "org.apache.coyote.http11.upgrade.UpgradeProcessorExternal";

    /** How the last Tomcat socket was reached; every connection of one Tomcat has the same classes. */
    private static volatile TomcatLayout lastLayout;

    private final WebConnection web;
    private final Object tomcatSocket;
    /** The socket's close method, from the layout it was found by; null without a Tomcat socket. */
    private final Method tomcatClose;

    private UpgradedSocket(WebConnection web, Object tomcatSocket, Method tomcatClose) {
        this.web = web;
        this.tomcatSocket = tomcatSocket;
        this.tomcatClose = tomcatClose;
    }

    static UpgradedSocket of(WebConnection web) {
        return TOMCAT_UPGRADED.equals(web.getClass().getName()) ? onTomcat(web) : new UpgradedSocket(web, null, null);
    }

    /** How this connection's read events are held and asked for on Tomcat; {@link TomcatReadEvents#NONE} elsewhere. */
    TomcatReadEvents tomcatReadEvents() {
        return TomcatReadEvents.of(tomcatSocket);
    }

    /** Closes the streams (flushing what was written), then the TCP connection where the container would not. */
    void close() throws Exception {
        try {
            web.close();
        } finally {
            if (tomcatSocket != null) {
                tomcatClose.invoke(tomcatSocket);
            }
        }
    }

    /** With Tomcat's SocketWrapperBase under its upgraded connection, or without (then closing is left to Tomcat). */
    private static UpgradedSocket onTomcat(WebConnection web) {
        try {
            TomcatLayout layout = lastLayout;
            Object socket = layout == null ? null : layout.socketOf(web);
            if (socket == null) {
                layout = TomcatLayout.of(web);
                lastLayout = layout;
                socket = layout.socketOf(web);
            }
            return new UpgradedSocket(web, socket, layout.close);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "This Tomcat''s upgraded connections are not laid out as Bowline expects ({0});"
                    + " closed WebSocket connections stay open until the peer closes them", e.toString());
            return new UpgradedSocket(web, null, null);
        }
    }

    /**
     * The fields from an upgraded connection to its socket, and the socket's close method, for the classes
     * they were found on: looked up once instead of on every connection and every close.
     */
    private record TomcatLayout(Class<?> webType, Field output, Class<?> outputType, Field socket,
                                Class<?> socketType, Method close) {

        static TomcatLayout of(WebConnection web) throws ReflectiveOperationException {
            Field output = field(web.getClass(), "upgradeServletOutputStream");
            Object out = output.get(web);
            Field socket = field(out.getClass(), "socketWrapper");
            Class<?> socketType = socket.get(out).getClass();
            return new TomcatLayout(web.getClass(), output, out.getClass(), socket, socketType,
                    socketType.getMethod("close"));
        }

        /** {@code web}'s socket, or null when its classes are not the ones this layout was found on. */
        Object socketOf(WebConnection web) throws IllegalAccessException {
            if (web.getClass() != webType) {
                return null;
            }
            Object out = output.get(web);
            if (out == null || out.getClass() != outputType) {
                return null;
            }
            Object s = socket.get(out);
            return s != null && s.getClass() == socketType ? s : null;
        }
    }

    /** {@code type}'s or a superclass's declared field {@code name}, made accessible. */
    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
