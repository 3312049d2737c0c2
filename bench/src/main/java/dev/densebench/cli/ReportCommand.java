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

/** {@code densebench report DIR}: rebuilds a report from the records and JMH results in DIR alone. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Build DIR/index.html, DIR/summary.md, DIR/records.csv and charts from DIR/records/ and DIR/jmh/.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the report folder (an ablation --out-dir)")
    Path dir;

    @Option(names = "--jmh", description = "more JMH JSON result files to include (repeatable)")
    List<Path> jmh = List.of();

    @Option(names = "--reference", description = "CSV of external sgemm figures: label,shape,threads,gflops (e.g. OpenBLAS)")
    Path reference;

    @Option(names = "--command", description = "the command that produced the runs, shown in the report (default: read from DIR/command.txt)")
    String command;

    @Override
    public Integer call() throws Exception {
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
