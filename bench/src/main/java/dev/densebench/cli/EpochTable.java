package dev.densebench.cli;

import dev.densebench.train.EpochStats;

/** The aligned per-epoch table printed during training. */
final class EpochTable {
    private EpochTable() {
    }

    private static final String FORMAT = "%5s  %10s  %9s  %10s  %9s  %10s  %9s  %9s  %11s%n";

    static String header() {
        return String.format(FORMAT, "epoch", "train loss", "train acc", "val loss", "val acc",
                "test loss", "test acc", "train (s)", "samples/s").stripTrailing();
    }

    static String row(EpochStats s) {
        return String.format(FORMAT, s.epoch(), f4(s.trainLoss()), pct(s.trainAccuracy()), f4(s.valLoss()),
                pct(s.valAccuracy()), f4(s.testLoss()), pct(s.testAccuracy()),
                String.format("%.3f s", s.seconds()), String.format("%,.0f /s", s.samplesPerSecond())).stripTrailing();
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.4f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f %%", 100 * v);
    }
}
