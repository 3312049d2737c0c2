package dev.densebench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.densebench.cli.CommandRunner;
import dev.densebench.report.RunSummary;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What resume and report read of a run record: the ablation's completeness check (which must
 * never throw: a record it cannot read is incomplete and is run again) and the report's loader
 * (which skips a record that is not JSON and must cope with any JSON).
 */
class RunRecordFuzzTest {
    static final Path DIR = FuzzFiles.folder("record");

    @FuzzTest
    void record(byte[] bytes) throws IOException {
        Path records = DIR.resolve("records");
        Path file = FuzzFiles.write(records.resolve("optimizer/mnist/sgd/seed-1.json"), bytes);
        CommandRunner.isCompleteRecord(file);
        RunSummary.loadAll(records);
    }
}
