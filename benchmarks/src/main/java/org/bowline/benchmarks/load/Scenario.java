package org.bowline.benchmarks.load;

import java.util.List;
import java.util.Map;

/** One measurement against a running server, filling one or more table rows. */
interface Scenario {

    /** The name {@code --scenarios} selects it by (several scenarios may share one). */
    String group();

    List<Row> rows();

    /** The endpoint path it needs; a server that does not serve it gets "n/a". */
    String path();

    Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception;
}
