package dev.densebench.cli;

import dev.densebench.ablation.Grid;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the JMH suites a grid asks for (its {@code "jmh"} object), one per line: the result
 * name, a tab, then the JMH arguments separated by spaces. {@code run-bench.sh full} reads this
 * and runs each suite into {@code OUT/jmh/NAME.json}, so the grid file is the one place that
 * says what {@code full} measures.
 */
@Command(name = "grid-jmh", mixinStandardHelpOptions = true,
        description = "List the JMH suites of an ablation grid (name, tab, JMH arguments), one per line.")
public final class GridJmhCommand implements Callable<Integer> {
    @Option(names = "--grid", required = true, description = "the grid, a JSON file")
    Path gridFile;

    @Override
    public Integer call() throws Exception {
        for (Map.Entry<String, List<String>> suite : Grid.read(gridFile).jmh().entrySet()) {
            System.out.println(suite.getKey() + "\t" + String.join(" ", suite.getValue()));
        }
        return 0;
    }
}
