package dev.densebench.cli;

import dev.densebench.train.EpochStats;
import dev.densebench.train.TrainingListener;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar over all batches of all epochs, with ETA, when
 * stderr is a terminal; otherwise (CI, pipes) a plain line every tenth of an epoch. The
 * per-epoch table goes to stdout either way.
 */
final class ProgressReporter implements TrainingListener, AutoCloseable {
    /** Characters of the progress line (bar, counts, ETA, speed, epoch and loss). */
    static final int BAR_WIDTH = 118;
    private final PrintStream table;
    private final boolean batchProgress;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private ProgressBar bar;
    private int epochs;
    private int batchesPerEpoch;
    private long startNanos;

    /** @param batchProgress whether to show progress within epochs (off for grids of short runs) */
    ProgressReporter(PrintStream table, boolean batchProgress) {
        this.table = table;
        this.batchProgress = batchProgress;
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.startNanos = System.nanoTime();
        table.println(EpochTable.header());
        if (terminal && batchProgress) {
            // A fixed width: where the terminal does not report one, the bar would shrink to "[=]".
            // Cleared when done, so no stale "100 %" line follows the table.
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax((long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, BAR_WIDTH)).clearDisplayOnFinish().showSpeed().build();
        }
    }

    @Override
    public void onBatch(int epoch, int batch, double meanLossSoFar) {
        if (bar != null) {
            bar.stepTo((long) (epoch - 1) * batchesPerEpoch + batch);
            bar.setExtraMessage(String.format(" epoch %d/%d loss %.4f", epoch, epochs, meanLossSoFar));
            return;
        }
        if (!batchProgress) {
            return;
        }
        int every = Math.max(1, batchesPerEpoch / 10);
        if (batch % every == 0 && batch != batchesPerEpoch) {
            long done = (long) (epoch - 1) * batchesPerEpoch + batch;
            long total = (long) epochs * batchesPerEpoch;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = elapsed / done * (total - done);
            System.err.printf("  epoch %d/%d  batch %d/%d  loss %.4f  elapsed %s  ETA %s%n",
                    epoch, epochs, batch, batchesPerEpoch, meanLossSoFar, hoursMinutesSeconds(elapsed), hoursMinutesSeconds(eta));
        }
    }

    @Override
    public void onEpoch(EpochStats s) {
        if (bar != null) {
            // Print the table row above the bar, then let the bar redraw.
            System.err.print("\r\033[K");
        }
        table.println(EpochTable.row(s));
        table.flush();
    }

    static String hoursMinutesSeconds(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
