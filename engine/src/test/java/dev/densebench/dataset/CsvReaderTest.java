package dev.densebench.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tabular reader on a good file and on each kind of broken one, and the stratified split. */
class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsGoodFile() throws IOException {
        Path f = write("3,2,neg,pos", "1.5,2,0", "-3,4e-1,1", "0,0,1");
        Dataset d = CsvReader.read(f, "t");
        assertEquals(3, d.rows());
        assertEquals(2, d.features());
        assertEquals(List.of("neg", "pos"), d.classNames());
        assertArrayEquals(new float[] {1.5f, 2f, -3f, 0.4f, 0f, 0f}, d.x());
        assertArrayEquals(new int[] {0, 1, 1}, d.y());
    }

    @Test
    void bytesThatAreNotUtf8AreAFormatErrorNamingTheFile() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'2', ',', '1', ',', 'a', ',', (byte) 0xE9, '\n', '1', ',', '0', '\n'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(f, "t"));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("UTF-8"), e.getMessage());
        DataFormatException own = assertThrows(DataFormatException.class, () -> LabelledCsv.read(f, null, false));
        assertTrue(own.getMessage().contains("UTF-8"), own.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2,2,a,b|1,x,0|0,0,1|line 2, column 2: 'x' is not a finite number",
            "2,2,a,b|1,2|0,0,1|line 2: 2 columns, expected 3",
            "2,2,a,b|1,2,0|0,0,2|line 3: label 2 outside the classes 0..1",
            "2,2,a,b|1,2,0|0,0,1.5|line 3: label '1.5' is not an integer",
            "3,2,a,b|1,2,0|0,0,1|truncated: header claims 3 rows, found 2",
            "1,2,a,b|1,2,0|0,0,1|more rows than the header's 1",
            "x,2,a,b|1,2,0|0,0,1|line 1: row count 'x' is not a positive integer",
            "900000,2,a,b|1,2,0|0,0,1|header claims 900000 rows"})
    void brokenFiles(String header, String row1, String row2, String expected) throws IOException {
        Path f = write(header, row1, row2);
        IOException e = assertThrows(IOException.class, () -> CsvReader.read(f, "t"));
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndCoversEveryRowOnce() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) labels[i] = i < 150 ? 0 : 1;
        int[] rows = java.util.stream.IntStream.range(0, 200).toArray();
        int[][] split = Datasets.stratifiedSplit(labels, rows, 2, 0.2, rng);
        assertEquals(160, split[0].length);
        assertEquals(40, split[1].length);
        long heldPositives = java.util.Arrays.stream(split[1]).filter(r -> labels[r] == 1).count();
        assertEquals(Math.round(50 * 0.2), heldPositives);
        int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(split[0]), java.util.Arrays.stream(split[1])).sorted().toArray();
        assertArrayEquals(rows, all);
    }

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.write(f, List.of(lines));
        return f;
    }
}
