package dev.densebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The densebench command line: {@code densebench train ...} (run through ./run-bench.sh). */
@Command(name = "densebench", mixinStandardHelpOptions = true, version = "densebench 0.1",
        description = "A from-scratch SIMD neural-network engine and benchmark suite for the JVM.",
        subcommands = {TrainCommand.class, LrSearchCommand.class, AblationCommand.class, ReportCommand.class,
                ScalingCommand.class, GridJmhCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
