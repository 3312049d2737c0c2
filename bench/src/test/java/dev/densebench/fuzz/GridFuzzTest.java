package dev.densebench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.densebench.ablation.Grid;
import dev.densebench.ablation.Shards;
import java.io.IOException;
import java.nio.file.Path;

/** The grid parser on any bytes: a grid whose runs can be listed and sharded, or an IOException naming the file. */
class GridFuzzTest {
    static final Path DIR = FuzzFiles.folder("grid");

    @FuzzTest
    void grid(byte[] bytes) {
        Path file = FuzzFiles.write(DIR.resolve("grid.json"), bytes);
        Grid g;
        try {
            g = Grid.read(file);
        } catch (IOException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError(expected.getMessage());
            return;
        }
        var runs = g.runs();
        for (var r : runs) r.recordPath(DIR);
        Shards.assign(Shards.units(runs, r -> r.spec().options().size()), 3);
    }
}
