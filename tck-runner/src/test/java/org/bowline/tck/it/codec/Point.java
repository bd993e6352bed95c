package org.bowline.tck.it.codec;

/** The application type the endpoint's decoder and encoder convert to and from "x,y" text. */
public record Point(int x, int y) {
}
