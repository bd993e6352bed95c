package org.bowline.tck.it.codec;

import jakarta.websocket.DecodeException;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Takes decoded Points, answers encoded ones; text its decoder will not take arrives as a String. */
@ServerEndpoint(value = "/points", decoders = PointDecoder.class, encoders = PointEncoder.class)
public class PointEndpoint {

    @OnMessage
    public Point move(Point point) {
        return new Point(point.x() + 1, point.y() + 1);
    }

    @OnError
    public void error(Session session, Throwable failure) throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendText("error " + (failure instanceof DecodeException
                    ? "DecodeException " + ((DecodeException) failure).getText() : failure.toString()));
        }
    }
}
