package dev.densebench.cli;

import dev.densebench.jmh.GemmProblem;
import dev.densebench.runrecord.RunRecordWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of a comparison timed in {@link AlternatedWindows} ({@code scaling}, {@code openblas}), and its JSON. */
final class AlternationArgs {
    @Option(names = "--rounds", defaultValue = "12", description = "measured rounds per shape, after 2 warm-up rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--window-ms", defaultValue = "200", description = "time per configuration per round, ms (default: ${DEFAULT-VALUE})")
    int windowMs;

    @Option(names = "--out", description = "also write the results as JSON to this file")
    Path out;

    /** Checks the counts and parses the shapes, before anything is timed. */
    List<GemmProblem> problems(CommandSpec spec, List<String> shapes) {
        if (rounds < 1) throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        if (windowMs < 10) throw new ParameterException(spec.commandLine(), "--window-ms must be at least 10, got " + windowMs);
        List<GemmProblem> problems = new ArrayList<>();
        for (String s : shapes) {
            try {
                problems.add(GemmProblem.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--shapes: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Writes {@code facts} (after the command, rounds and window) and the rows to {@code --out}, atomically; false without --out. */
    boolean write(CommandSpec spec, Map<String, Object> facts, List<Map<String, Object>> rows) throws IOException {
        if (out == null) return false;
        Map<String, Object> doc = new LinkedHashMap<>();
        // The parse result's original arguments are the whole command line, this command's name first.
        doc.put("command", "densebench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        doc.put("rounds", rounds);
        doc.put("windowMs", windowMs);
        doc.putAll(facts);
        doc.put("results", rows);
        RunRecordWriter.writeAtomically(out, doc);
        spec.commandLine().getOut().println("wrote " + out);
        return true;
    }
}
