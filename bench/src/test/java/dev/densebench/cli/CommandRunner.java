package dev.densebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a densebench command line in-process, capturing what it writes, for tests of any package. */
public final class CommandRunner {
    private CommandRunner() {
    }

    public record Result(int code, String out, String err) {
    }

    /** The ablation's check that a record is complete (what resume relies on), for tests in other packages. */
    public static boolean isCompleteRecord(java.nio.file.Path record) {
        return AblationCommand.isComplete(record);
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(false);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
