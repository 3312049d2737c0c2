package dev.densebench.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IDX reader on generated good files and on each kind of broken one; errors name the file. */
class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsGoodImagesRawAndGzipped(boolean gzip) throws IOException {
        byte[] pixels = IdxFiles.ramp(3 * 4 * 5);
        Path f = IdxFiles.write(dir.resolve("imgs" + (gzip ? ".gz" : "")), IdxFiles.header(8, 3, 4, 5), pixels, gzip);
        IdxReader.IdxArray a = IdxReader.read(f, 3);
        assertArrayEquals(new int[] {3, 4, 5}, a.dims());
        assertArrayEquals(pixels, a.data());
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] h = IdxFiles.header(8, 2);
        h[0] = 0x12;
        Path f = IdxFiles.write(dir.resolve("bad-magic"), h, new byte[2], false);
        assertMessage(f, 1, "magic");
    }

    @Test
    void wrongType() throws IOException {
        Path f = IdxFiles.write(dir.resolve("floats"), IdxFiles.header(0x0D, 2), new byte[8], false);
        assertMessage(f, 1, "data type");
    }

    @Test
    void wrongRank() throws IOException {
        Path f = IdxFiles.write(dir.resolve("rank"), IdxFiles.header(8, 2, 2), new byte[4], false);
        assertMessage(f, 1, "rank 2, expected 1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void headerClaimsMoreThanTheFileHolds(boolean gzip) throws IOException {
        // 60000 × 28 × 28 claimed, 100 bytes present: refused before allocating 47 MB.
        Path f = IdxFiles.write(dir.resolve("short" + (gzip ? ".gz" : "")), IdxFiles.header(8, 60000, 28, 28), new byte[100], gzip);
        assertMessage(f, 3, "header claims 47040000 bytes");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        Path good = IdxFiles.write(dir.resolve("whole.gz"), IdxFiles.header(8, 500), IdxFiles.ramp(500), true);
        byte[] bytes = Files.readAllBytes(good);
        // Drop the middle of the compressed stream but keep a trailer-sized tail.
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 8);
        Path f = dir.resolve("cut.gz");
        Files.write(f, cut);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(f, 1));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] h = Arrays.copyOf(IdxFiles.header(8, 10, 28, 28), 9);
        Path f = IdxFiles.write(dir.resolve("head"), h, new byte[0], false);
        assertMessage(f, 3, "truncated header");
    }

    @Test
    void trailingData() throws IOException {
        Path f = IdxFiles.write(dir.resolve("long"), IdxFiles.header(8, 4), new byte[9], false);
        assertMessage(f, 1, "more data than its header");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.header(8, 3, 2, 2), IdxFiles.ramp(12), false);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.header(8, 4), new byte[] {1, 2, 3, 4}, false);
        IOException e = assertThrows(IOException.class, () -> Datasets.readImages("t", dir, "train", Datasets.DIGITS));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte") && e.getMessage().contains("4 labels but"), e.getMessage());
    }

    @Test
    void labelOutsideTheClasses() throws IOException {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.header(8, 2, 2, 2), IdxFiles.ramp(8), false);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.header(8, 2), new byte[] {1, 12}, false);
        IOException e = assertThrows(IOException.class, () -> Datasets.readImages("t", dir, "train", Datasets.DIGITS));
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void goodImagesAreScaledToUnitRange() throws IOException {
        byte[] px = {0, (byte) 255, (byte) 128, 1, 2, 3, 4, 5};
        IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.header(8, 2, 2, 2), px, true);
        IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.header(8, 2), new byte[] {3, 9}, true);
        Dataset d = Datasets.readImages("t", dir, "t10k", Datasets.DIGITS);
        assertEquals(2, d.rows());
        assertEquals(4, d.features());
        for (int i = 0; i < px.length; i++) assertEquals((px[i] & 0xFF) / 255f, d.x()[i], 1e-7);
        assertArrayEquals(new int[] {3, 9}, d.y());
    }

    @Test
    void missingFileNamesItAndTheFix() {
        IOException e = assertThrows(IOException.class, () -> Datasets.readImages("t", dir, "train", List.of("a", "b")));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("run-bench.sh data"), e.getMessage());
    }

    private static void assertMessage(Path f, int rank, String fragment) {
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(f, rank));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "says '" + fragment + "': " + e.getMessage());
    }
}
