package org.bowline.tck.it.codec;

import jakarta.websocket.Encoder;

public class PointEncoder implements Encoder.Text<Point> {

    @Override
    public String encode(Point point) {
        return "(" + point.x() + "|" + point.y() + ")";
    }
}
