package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.ablation.Grid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid file says which JMH suites a run adds to its report. */
class GridJmhCommandTest {

    @Test
    void fullGridListsItsSuitesAndQuickNone() throws IOException {
        Grid full = Grid.read(Path.of("src/main/resources/grids/full.json"));
        assertEquals(List.of("gemm", "gemm-scalar", "layers", "activations", "optimizers", "regularizers", "train-step"),
                List.copyOf(full.jmh().keySet()));
        assertEquals("GemmBench", full.jmh().get("gemm").get(0));
        assertTrue(Grid.read(Path.of("src/main/resources/grids/quick.json")).jmh().isEmpty());
    }

    @Test
    void anArgumentWithASpaceIsRefusedByName(@TempDir Path tmp) throws IOException {
        String grid = Files.readString(Path.of("src/main/resources/grids/quick.json")).trim();
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, grid.substring(0, grid.length() - 1) + ", \"jmh\": {\"gemm\": [\"GemmBench -p x\"]}}");
        IOException e = assertThrows(IOException.class, () -> Grid.read(bad));
        assertTrue(e.getMessage().contains("jmh.gemm"), e.getMessage());
    }
}
