package org.bowline.container.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * How a case's bytes reach Bowline: over TCP, or over an in-memory connection ({@link MemoryWire}) that
 * hands them to Bowline in reads of at most {@link #chunkSize()} bytes. In memory every case runs three
 * times: in whole reads, then 1 byte and 7 bytes at a time, so every frame header, length, mask key and
 * payload is split at every position, the same way on every run.
 */
public record Transport(String name, int chunkSize) {

    public static final Transport SOCKET = new Transport("socket", 0);
    /** Larger than any write of the cases but family 9's largest: a write arrives in one read. */
    public static final Transport WHOLE = new Transport("memory, whole", 2 * 1024 * 1024);
    public static final Transport ONE_BYTE = new Transport("memory, 1-byte reads", 1);
    public static final Transport SEVEN_BYTES = new Transport("memory, 7-byte reads", 7);
    public static final List<Transport> MEMORY = List.of(WHOLE, ONE_BYTE, SEVEN_BYTES);

    public boolean inMemory() {
        return chunkSize > 0;
    }

    /** A wire pair of this transport's chunk size (in memory only). */
    public MemoryWire memoryWire(int timeoutMillis) {
        if (!inMemory()) {
            throw new IllegalStateException(name + " is not in memory");
        }
        return MemoryWire.pair(chunkSize, timeoutMillis);
    }

    /**
     * Every case over every transport, transport by transport, as the arguments (transport, case) of a
     * parameterized test named {@code "{0} {1}"}.
     */
    public static Stream<Arguments> cross(List<Transport> transports, List<? extends Named<?>> cases) {
        List<Arguments> all = new ArrayList<>();
        for (Transport t : transports) {
            for (Named<?> c : cases) {
                all.add(Arguments.of(t, c));
            }
        }
        return all.stream();
    }

    @Override
    public String toString() {
        return "[" + name + "]";
    }
}
