package org.bowline.adapter.service;

/** Answers text with "Echo: " + text and binary with the same bytes. */
class EchoService implements Service {

    @Override
    public Object onTextMessage(Caller caller, String text) {
        return "Echo: " + text;
    }

    @Override
    public Object onBinaryMessage(Caller caller, byte[] data) {
        return data;
    }
}
