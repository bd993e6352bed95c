package org.bowline.tck.it.codec;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

public class PointDecoder implements Decoder.Text<Point> {

    @Override
    public Point decode(String s) throws DecodeException {
        String[] parts = s.split(",");
        try {
            return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new DecodeException(s, "not a point: " + s, e);
        }
    }

    @Override
    public boolean willDecode(String s) {
        return s.contains(",");
    }
}
