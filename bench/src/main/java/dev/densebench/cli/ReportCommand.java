package dev.densebench.cli;

import dev.densebench.report.ReportBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densebench report DIR [MORE...]}: rebuilds a report from the records and JMH results in
 * DIR alone; with more folders (the shards of a grid, each run into its own folder), their
 * records are merged into DIR first.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Build DIR/index.html, DIR/summary.md, DIR/records.csv and charts from DIR/records/ and DIR/jmh/.",
                "With MORE folders (shards run into folders of their own), their records, selection runs, JMH results and grid",
                "are first copied into DIR; a record DIR already holds (a re-run shard) is kept and counted once."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the report folder (an ablation --out-dir; created when MORE are given)")
    Path dir;

    @Parameters(index = "1..*", paramLabel = "MORE", description = "folders whose records are merged into DIR first")
    List<Path> more = List.of();

    @Option(names = "--jmh", description = "more JMH JSON result files to include (repeatable)")
    List<Path> jmh = List.of();

    @Option(names = "--reference", description = "CSV of external sgemm figures: label,shape,threads,gflops (e.g. OpenBLAS)")
    Path reference;

    @Option(names = "--command", description = "the command that produced the runs, shown in the report (default: read from DIR/command.txt)")
    String command;

    @Override
    public Integer call() throws Exception {
        for (Path m : more) {
            if (!Files.isDirectory(m)) throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'MORE': '" + m + "' is not a folder");
        }
        if (!more.isEmpty()) {
            Files.createDirectories(dir);
            ReportMerge.Counts c = ReportMerge.into(dir, more);
            System.out.printf("merged %d record(s) from %d folder(s) into %s; %d already there (counted once)%n", c.copied(), more.size(),
                    dir, c.duplicates());
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'DIR': '" + dir + "' is not a folder");
        }
        for (Path f : jmh) {
            if (!Files.isRegularFile(f)) throw new ParameterException(spec.commandLine(), "Invalid value for option '--jmh': '" + f + "' is not a file");
        }
        if (reference != null && !Files.isRegularFile(reference)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--reference': '" + reference + "' is not a file");
        }
        boolean anyRecord;
        try (var files = Files.isDirectory(dir.resolve("records")) ? Files.walk(dir.resolve("records")) : java.util.stream.Stream.<Path>empty()) {
            anyRecord = files.anyMatch(f -> f.toString().endsWith(".json"));
        }
        if (!anyRecord) {
            throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'DIR': '" + dir
                    + "' holds no run records (expected DIR/records/**/*.json, as the ablation writes them)");
        }
        String cmd = command;
        if (cmd == null) {
            Path saved = dir.resolve("command.txt");
            cmd = Files.isRegularFile(saved) ? Files.readString(saved).strip() : "(not recorded)";
        }
        Path index = new ReportBuilder(dir, jmh, reference, cmd).build();
        System.out.println("report: " + index.toAbsolutePath());
        return 0;
    }
}
