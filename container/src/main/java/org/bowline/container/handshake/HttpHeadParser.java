package org.bowline.container.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental parser of an HTTP/1.1 request or response head (RFC 9112 sections 2 to 5).
 *
 * <p>Accepts any chunking, down to one byte at a time, and enforces a maximum head size in bytes
 * counted from the first byte of the start line to the end of the blank line: once that many
 * bytes have been consumed without the head ending it fails with 431 without consuming more.
 * Lines end with CRLF; a bare LF is tolerated (RFC 9112 section 2.2), a bare CR is not.
 * Obsolete line folding is rejected, header names must be tokens and values may hold no
 * control character other than HTAB. Bytes after the head are left in the buffer: a client may
 * pipeline WebSocket frames right behind its upgrade request.
 *
 * <p>One parser reads one head. Not thread-safe. After a failure every further call to
 * {@link #parse} throws the same exception.
 */
public final class HttpHeadParser {

    private static final int INITIAL_LINE_CAPACITY = 256;

    private enum State { START_LINE, HEADERS, DONE }

    private final boolean forRequest;
    private final int maxHeadBytes;

    private State state = State.START_LINE;
    private HttpParseException failure;
    private byte[] line;
    private int lineLength;
    private boolean afterCr;
    private int consumed;

    private final HttpHeaders headers = new HttpHeaders();
    private String version;
    private String method;
    private String target;
    private int status;
    private String reason;

    private HttpHeadParser(boolean forRequest, int maxHeadBytes) {
        if (maxHeadBytes <= 0) {
            throw new IllegalArgumentException("maxHeadBytes must be positive: " + maxHeadBytes);
        }
        this.forRequest = forRequest;
        this.maxHeadBytes = maxHeadBytes;
        this.line = new byte[Math.min(INITIAL_LINE_CAPACITY, maxHeadBytes)];
    }

    /** A parser for a request head (server side) of at most {@code maxHeadBytes} bytes. */
    public static HttpHeadParser forRequest(int maxHeadBytes) {
        return new HttpHeadParser(true, maxHeadBytes);
    }

    /** A parser for a response head (client side) of at most {@code maxHeadBytes} bytes. */
    public static HttpHeadParser forResponse(int maxHeadBytes) {
        return new HttpHeadParser(false, maxHeadBytes);
    }

    /**
     * Consumes bytes up to the end of the head; returns true when the head is complete (then
     * {@code in.position()} is just past the blank line), false when more bytes are needed (then
     * {@code in} has been drained).
     *
     * @throws HttpParseException 400 when the head is malformed, 431 when it is too large,
     *                            505 when a request names an HTTP major version other than 1
     */
    public boolean parse(ByteBuffer in) throws HttpParseException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (state != State.DONE && in.hasRemaining()) {
                if (consumed >= maxHeadBytes) {
                    throw new HttpParseException(431, "HTTP head larger than " + maxHeadBytes + " bytes");
                }
                byte b = in.get();
                consumed++;
                accept(b);
            }
            if (state != State.DONE && consumed >= maxHeadBytes) {
                // Fail now rather than on the next read: the peer has already sent too much.
                throw new HttpParseException(431, "HTTP head larger than " + maxHeadBytes + " bytes");
            }
        } catch (HttpParseException e) {
            failure = e;
            line = null;
            throw e;
        }
        return state == State.DONE;
    }

    /** Whether a whole head has been parsed. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /** The parsed request head; IllegalStateException before completion or on a response parser. */
    public HttpRequestHead request() {
        if (!forRequest) {
            throw new IllegalStateException("This parser reads a response head");
        }
        checkComplete();
        return new HttpRequestHead(method, target, version, headers);
    }

    /** The parsed response head; IllegalStateException before completion or on a request parser. */
    public HttpResponseHead response() {
        if (forRequest) {
            throw new IllegalStateException("This parser reads a request head");
        }
        checkComplete();
        return new HttpResponseHead(version, status, reason, headers);
    }

    private void checkComplete() {
        if (state != State.DONE) {
            throw new IllegalStateException("The HTTP head is not complete");
        }
    }

    private void accept(byte b) throws HttpParseException {
        if (b == '\n') {
            afterCr = false;
            endOfLine();
            return;
        }
        if (afterCr) {
            throw new HttpParseException(400, "Bare CR in HTTP head");
        }
        if (b == '\r') {
            afterCr = true;
            return;
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxHeadBytes));
        }
        line[lineLength++] = b;
    }

    private void endOfLine() throws HttpParseException {
        int length = lineLength;
        lineLength = 0;
        if (state == State.START_LINE) {
            if (length == 0) {
                if (forRequest) {
                    return; // RFC 9112 section 2.2: a server SHOULD ignore empty lines before the request-line
                }
                throw new HttpParseException(400, "Empty status line");
            }
            if (forRequest) {
                requestLine(length);
            } else {
                statusLine(length);
            }
            state = State.HEADERS;
        } else if (length == 0) {
            state = State.DONE;
            line = null;
        } else {
            headerLine(length);
        }
    }

    private void requestLine(int length) throws HttpParseException {
        int sp1 = indexOf(' ', 0, length);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, length);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || indexOf(' ', sp2 + 1, length) >= 0) {
            throw new HttpParseException(400, "Malformed request line");
        }
        for (int i = 0; i < sp1; i++) {
            if (!HttpSyntax.isTchar(line[i])) {
                throw new HttpParseException(400, "Malformed request method");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (line[i] < 0x21 || line[i] > 0x7E) {
                throw new HttpParseException(400, "Malformed request target");
            }
        }
        method = ascii(0, sp1);
        target = ascii(sp1 + 1, sp2);
        version = httpVersion(sp2 + 1, length);
        if (version.charAt(5) != '1') {
            throw new HttpParseException(505, "HTTP version not supported: " + version);
        }
    }

    private void statusLine(int length) throws HttpParseException {
        int sp = indexOf(' ', 0, length);
        if (sp < 0) {
            throw new HttpParseException(400, "Malformed status line");
        }
        version = httpVersion(0, sp);
        int codeEnd = sp + 4;
        if (codeEnd > length || (codeEnd < length && line[codeEnd] != ' ')) {
            throw new HttpParseException(400, "Malformed status code");
        }
        int code = 0;
        for (int i = sp + 1; i < codeEnd; i++) {
            if (line[i] < '0' || line[i] > '9') {
                throw new HttpParseException(400, "Malformed status code");
            }
            code = code * 10 + (line[i] - '0');
        }
        if (code < 100) {
            throw new HttpParseException(400, "Malformed status code");
        }
        status = code;
        // The SP before an empty reason-phrase is required by the grammar, but peers omit it.
        int reasonStart = Math.min(codeEnd + 1, length);
        for (int i = reasonStart; i < length; i++) {
            if (!HttpSyntax.isFieldValueChar(line[i] & 0xFF)) {
                throw new HttpParseException(400, "Control character in reason phrase");
            }
        }
        reason = new String(line, reasonStart, length - reasonStart, StandardCharsets.ISO_8859_1);
    }

    private String httpVersion(int from, int to) throws HttpParseException {
        if (to - from != 8
                || line[from] != 'H' || line[from + 1] != 'T' || line[from + 2] != 'T' || line[from + 3] != 'P'
                || line[from + 4] != '/' || !isDigit(line[from + 5]) || line[from + 6] != '.'
                || !isDigit(line[from + 7])) {
            throw new HttpParseException(400, "Malformed HTTP version");
        }
        return ascii(from, to);
    }

    private void headerLine(int length) throws HttpParseException {
        if (HttpSyntax.isWhitespace(line[0])) {
            // obs-fold (RFC 9112 section 5.2), or whitespace before the first field (section 2.2).
            throw new HttpParseException(400, "Obsolete line folding in header field");
        }
        int colon = indexOf(':', 0, length);
        if (colon <= 0) {
            throw new HttpParseException(400, "Malformed header field line");
        }
        for (int i = 0; i < colon; i++) {
            if (!HttpSyntax.isTchar(line[i])) {
                // Includes whitespace between name and colon, which RFC 9112 section 5.1 says MUST be rejected.
                throw new HttpParseException(400, "Malformed header field name");
            }
        }
        int start = colon + 1;
        int end = length;
        while (start < end && HttpSyntax.isWhitespace(line[start])) {
            start++;
        }
        while (end > start && HttpSyntax.isWhitespace(line[end - 1])) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (!HttpSyntax.isFieldValueChar(line[i] & 0xFF)) {
                throw new HttpParseException(400, "Control character in header field " + ascii(0, colon));
            }
        }
        headers.addChecked(ascii(0, colon), new String(line, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
