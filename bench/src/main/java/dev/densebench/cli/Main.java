package dev.densebench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The densebench command line: {@code densebench train ...} (run through ./run-bench.sh).
 *
 * <p>Errors a user can cause end in one or two lines, never a stack trace: a usage error names
 * the option and what it expects, then "see --help" (exit 2); a bad file or folder names it and
 * the problem (exit 1). The trace
 * is printed with {@code --debug} or {@code DENSEBENCH_DEBUG=1}, and always for an internal error
 * (a bug; exit 70), which says so.
 */
@Command(name = "densebench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A from-scratch SIMD neural-network engine and benchmark suite for the JVM.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, LrSearchCommand.class, AblationCommand.class, ReportCommand.class,
                ScalingCommand.class, OpenBlasCommand.class, CompareBuildCommand.class, GridJmhCommand.class})
public final class Main implements Runnable {
    static final int EXIT_USAGE = 2;
    static final int EXIT_INPUT = 1;
    static final int EXIT_BUG = 70;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with densebench's error handling; returns the exit code. */
    static int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove("--debug") | "1".equals(System.getenv("DENSEBENCH_DEBUG"));
        return commandLine(debug).execute(rest.toArray(String[]::new));
    }

    /** The command line with its error handlers; {@code debug} adds the stack trace to every error. */
    static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new Main());
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new VersionProvider());
        }
        cl.setParameterExceptionHandler((e, ignored) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(prefix(e.getCommandLine()) + e.getMessage());
            err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            if (debug) e.printStackTrace(err);
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, ignored) -> {
            PrintWriter err = commandLine.getErr();
            if (isUserError(e)) {
                err.println(prefix(commandLine) + message(e));
                if (debug) e.printStackTrace(err);
                err.flush();
                return EXIT_INPUT;
            }
            err.println(prefix(commandLine) + "internal error (a bug in densebench; please report it with this trace):");
            e.printStackTrace(err);
            err.flush();
            return EXIT_BUG;
        });
        return cl;
    }

    /** Bad files, folders and values: the exception's own message says what and where. */
    static boolean isUserError(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder: " + m;
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied: " + m;
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way: " + m;
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": ";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
