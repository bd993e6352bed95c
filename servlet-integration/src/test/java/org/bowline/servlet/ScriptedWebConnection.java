package org.bowline.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

/**
 * A WebConnection whose non-blocking streams the test drives by hand, with the Servlet rules a
 * real container enforces: listeners fire only after isReady() returned false (the first
 * onDataAvailable excepted), and writing while not ready or calling isReady() before a
 * WriteListener is set is an error (as on Tomcat).
 */
final class ScriptedWebConnection implements WebConnection {

    final Input in = new Input();
    final Output out = new Output();
    volatile boolean closed;
    volatile Thread closedBy;

    @Override
    public ServletInputStream getInputStream() {
        return in;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public void close() {
        closedBy = Thread.currentThread();
        closed = true;
    }

    static final class Input extends ServletInputStream {
        private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        private ReadListener listener;
        private boolean armed = true;   // the container makes the first onDataAvailable call
        private boolean eof;
        int readyCalls;

        /** Bytes arrive from the peer; calls onDataAvailable when the application is waiting for it. */
        void arrive(byte[] bytes) throws IOException {
            chunks.add(bytes);
            fire();
        }

        /** A read callback the container makes because it was asked to, whether or not the application waits for one. */
        void callBack() {
            try {
                listener.onDataAvailable();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void endOfStream() throws IOException {
            eof = true;
            fire();
        }

        private void fire() throws IOException {
            if (armed && listener != null) {
                armed = false;
                listener.onDataAvailable();
            }
        }

        @Override
        public boolean isFinished() {
            return eof && chunks.isEmpty();
        }

        @Override
        public boolean isReady() {
            readyCalls++;
            boolean ready = !chunks.isEmpty() || eof;
            if (!ready) {
                armed = true;
            }
            return ready;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (chunks.isEmpty()) {
                if (eof) {
                    return -1;
                }
                throw new IllegalStateException("read while not ready");
            }
            byte[] chunk = chunks.poll();
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            if (n < chunk.length) {
                byte[] rest = new byte[chunk.length - n];
                System.arraycopy(chunk, n, rest, 0, rest.length);
                chunks.addFirst(rest);
            }
            return n;
        }
    }

    static final class Output extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private WriteListener listener;
        private boolean ready = true;
        private boolean armed;
        /** When set, every write leaves the stream not ready until {@link #drain()}. */
        boolean congestOnWrite;
        /** When set, writes throw it (a peer that reset the connection). */
        volatile IOException failure;
        int writes;
        int flushes;

        /** The network took everything: ready again, and onWritePossible if someone waited. */
        void drain() throws IOException {
            ready = true;
            if (armed) {
                armed = false;
                listener.onWritePossible();
            }
        }

        @Override
        public boolean isReady() {
            if (listener == null) {
                throw new IllegalStateException("isReady() before setWriteListener");
            }
            if (!ready) {
                armed = true;
            }
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (!ready) {
                throw new IllegalStateException("write while not ready");
            }
            written.write(b, off, len);
            writes++;
            if (congestOnWrite) {
                ready = false;
            }
        }

        @Override
        public void flush() {
            if (!ready) {
                throw new IllegalStateException("flush while not ready");
            }
            flushes++;
        }
    }
}
