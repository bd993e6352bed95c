package org.bowline.servlet;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Tomcat only: the read events of an upgraded connection whose session has stopped reading, and the
 * one that resumes it. Everything here reaches Tomcat's socket wrapper by reflection (this module does
 * not compile against Tomcat); on any other container, or a Tomcat laid out differently, it does nothing
 * and says so.
 *
 * <p>Why it is needed (Tomcat 11.0.x, its NIO connector, the default): after every read event it
 * dispatches to an upgraded connection, {@code UpgradeProcessorExternal} reports the connection as still
 * upgraded and Tomcat re-registers read interest with its poller, whatever the {@code ReadListener}
 * did: {@code isReady()} of Tomcat's upgraded input only asks the socket, it does not decide whether
 * another event comes. So while a paused session's peer keeps sending, the poller finds the socket
 * readable at once and calls {@code onDataAvailable} again, tens of thousands of times a second for a
 * few dozen such peers. Tomcat's own WebSocket implementation returns "suspended" from its (internal)
 * upgrade API instead, which a Servlet {@code HttpUpgradeHandler} cannot.
 *
 * <p>What Bowline does instead: from inside the paused dispatch it sets the socket wrapper's
 * {@code readBlocking} flag, with which a blocking read of Tomcat's waits for its poller. When the
 * poller next finds the socket readable and sees the flag, it clears it and wakes that (here absent)
 * reader instead of dispatching a read event, and does not re-register read interest: the connection
 * is then left alone until Bowline resumes it with a read event of its own ({@link #dispatchRead}), as
 * Tomcat's own implementation resumes. Nothing of Tomcat's reads an upgraded connection blocking (its
 * upgraded streams are non-blocking once a listener is set), so the flag has no other reader.
 */
final class TomcatReadEvents implements ReadDispatch {

    private static final System.Logger LOG = System.getLogger(TomcatReadEvents.class.getName());

    /** For connections that are not Tomcat's: nothing to hold, no read event to ask for. */
    static final TomcatReadEvents NONE = new TomcatReadEvents(null, Layout.ABSENT);

    /**
     * The layout of the last socket wrapper class seen: one per connector, so nearly always the only one.
     * Not a ClassValue, which would hang this web application's classes on Tomcat's for good.
     */
    private static volatile Layout lastLayout = Layout.ABSENT;

    private final Object socket;
    private final Layout layout;

    private TomcatReadEvents(Object socket, Layout layout) {
        this.socket = socket;
        this.layout = layout;
    }

    /** For Tomcat's {@code SocketWrapperBase} under an upgraded connection; {@link #NONE} for null. */
    static TomcatReadEvents of(Object tomcatSocket) {
        if (tomcatSocket == null) {
            return NONE;
        }
        Layout layout = lastLayout;
        if (layout.socketType != tomcatSocket.getClass()) {
            layout = Layout.of(tomcatSocket.getClass());
            lastLayout = layout;
        }
        return new TomcatReadEvents(tomcatSocket, layout);
    }

    /**
     * Asks Tomcat to call {@code onDataAvailable} again, on its own thread; false when it cannot be
     * asked, and the caller reads itself. Tomcat fills its read buffer before every {@code onDataAvailable}
     * it dispatches, without regard to a read another thread is making, so on Tomcat every read must
     * happen inside its own dispatch, under its socket lock.
     */
    @Override
    public boolean dispatchRead() {
        if (layout.processSocket == null) {
            return false;
        }
        try {
            layout.processSocket.invoke(socket, layout.openRead, Boolean.TRUE);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Tomcat did not take a read event; reading on this thread", e);
            return false;
        }
    }

    /**
     * Call only from inside Tomcat's read dispatch of a connection whose session is not reading: the
     * readiness Tomcat's poller finds next is absorbed instead of dispatched, and no more read events
     * come until {@link #release} and {@link #dispatchRead}. False when it cannot be done here.
     */
    boolean holdAfterThisEvent() {
        return setReadBlocking(true);
    }

    /** Undoes {@link #holdAfterThisEvent} if the poller has not absorbed an event yet; before resuming. */
    void release() {
        setReadBlocking(false);
    }

    private boolean setReadBlocking(boolean value) {
        if (layout.readBlocking == null) {
            return false;
        }
        try {
            layout.readBlocking.setBoolean(socket, value);   // a volatile field: set with volatile semantics
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Tomcat's readBlocking flag could not be set", e);
            return false;
        }
    }

    /** What Bowline uses of one socket wrapper class, looked up once per class (per change of class). */
    private record Layout(Class<?> socketType, Method processSocket, Object openRead, Field readBlocking) {

        static final Layout ABSENT = new Layout(null, null, null, null);

        static Layout of(Class<?> socketType) {
            Method processSocket = null;
            Object openRead = null;
            try {
                Class<?> event = Class.forName("org.apache.tomcat.util.net.SocketEvent", false,
                        socketType.getClassLoader());
                processSocket = socketType.getMethod("processSocket", event, boolean.class);
                openRead = event.getField("OPEN_READ").get(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.WARNING, "This Tomcat''s socket events are not laid out as Bowline expects ({0}); a"
                        + " session that resumes reading reads on its own thread, which may race with Tomcat''s",
                        e.toString());
                processSocket = null;
            }
            Field readBlocking = null;
            if (processSocket != null) {
                try {
                    readBlocking = declaredBoolean(socketType, "readBlocking");
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // NIO2's wrapper has no such flag: there a paused session's peer keeps Tomcat dispatching.
                    LOG.log(Level.INFO, "Tomcat''s {0} has no readBlocking flag ({1}); while Bowline holds a peer"
                            + " that keeps sending, Tomcat keeps dispatching read events for it", socketType.getName(),
                            e.toString());
                }
            }
            return new Layout(socketType, processSocket, openRead, readBlocking);
        }

        private static Field declaredBoolean(Class<?> type, String name) throws NoSuchFieldException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && f.getType() == boolean.class) {
                        f.setAccessible(true);
                        return f;
                    }
                }
            }
            throw new NoSuchFieldException(type.getName() + " has no boolean " + name);
        }
    }
}
