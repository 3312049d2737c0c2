package dev.densebench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedChecksumsTest {

    /** The fetched files match the published sums (the fetch script checked them the same way). */
    @Test
    void fetchedFilesMatch() throws IOException {
        String dir = System.getProperty("densebench.dataDir", "");
        assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "breast-cancer")), "data not fetched");
        for (String d : List.of("mnist", "fashion-mnist", "breast-cancer")) {
            assertEquals(List.of(), PublishedChecksums.mismatches(d, Path.of(dir)), d);
        }
    }

    /** A changed copy is named, gzipped or not; a missing file is left to the readers. */
    @Test
    void aChangedCopyIsNamed(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("breast-cancer"));
        Files.writeString(tmp.resolve("breast-cancer/breast_cancer.csv"), "569,30,malignant,benign\n");
        List<String> bc = PublishedChecksums.mismatches("breast-cancer", tmp);
        assertEquals(1, bc.size(), bc.toString());
        assertTrue(bc.get(0).contains("breast_cancer.csv") && bc.get(0).contains("published"), bc.get(0));
        Files.createDirectories(tmp.resolve("fashion-mnist"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz")))) {
            out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        }
        List<String> fashion = PublishedChecksums.mismatches("fashion-mnist", tmp);
        assertEquals(1, fashion.size(), fashion.toString());
        assertTrue(fashion.get(0).contains("t10k-labels-idx1-ubyte.gz"), fashion.get(0));
        assertEquals(List.of(), PublishedChecksums.mismatches("mnist", tmp));
    }

    /** A gzip file cut short is a format error naming it, not a bare "Unexpected end of ZLIB input stream". */
    @Test
    void aTruncatedGzipIsNamed(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("mnist"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(new byte[100_000]);
        }
        Path gz = tmp.resolve("mnist/train-images-idx3-ubyte.gz");
        Files.write(gz, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        var e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class, () -> PublishedChecksums.mismatches("mnist", tmp));
        assertTrue(e.getMessage().startsWith(gz.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }
}
