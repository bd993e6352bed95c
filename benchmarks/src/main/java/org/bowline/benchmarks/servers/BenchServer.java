package org.bowline.benchmarks.servers;

/** One implementation serving {@link org.bowline.benchmarks.endpoints.Endpoints#ALL} on a port. */
public interface BenchServer {

    void start(String host, int port) throws Exception;

    void stop() throws Exception;
}
