package dev.densebench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.cli.CommandRunner;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.dataset.InputScaling;
import dev.densebench.kernel.Activation;
import dev.densebench.kernel.ScalarKernels;
import dev.densebench.nn.Network;
import dev.densebench.nn.NetworkSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model file round-trips exactly; a truncated, corrupted or foreign one is refused with one line naming it. */
class DamagedModelFileTest {
    @TempDir
    Path tmp;
    Path good;
    Network net;

    @BeforeEach
    void saveOne() throws Exception {
        net = new Network(new NetworkSpec(6, new int[] {5, 4}, Activation.TANH, "softmax", 3), new ScalarKernels(), 4, 9);
        good = tmp.resolve("good.safetensors");
        ModelFile.save(good, net, List.of("a", "b", "c"), InputScaling.standardize(new float[] {1, 2, 3, 4, 5, 6.1f},
                new float[] {0.5f, 1, 1, 1, 1, 0.3f}), Map.of("dataset", "csv"));
    }

    @Test
    void roundTripsEveryWeightAndTheScaling() throws Exception {
        ModelFile.Loaded back = ModelFile.load(good, new ScalarKernels(), 4);
        for (int i = 0; i < net.params().size(); i++) {
            assertArrayEquals(net.params().get(i).value(), back.network().params().get(i).value(), net.params().get(i).name());
        }
        assertEquals(List.of("a", "b", "c"), back.description().classes());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.1f}, back.description().scaling().mean());
        assertEquals(Activation.TANH, back.description().spec().activation());
        byte[] bytes = Files.readAllBytes(good);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[5,6],\"data_offsets\":[0,120]}"), header);
    }

    @ParameterizedTest(name = "truncated to {0} bytes")
    @ValueSource(ints = {0, 3, 8, 12, 100, -4, -1})
    void truncatedFilesAreRefused(int keep) throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        int n = keep >= 0 ? Math.min(keep, bytes.length) : bytes.length + keep;
        Path bad = tmp.resolve("cut.safetensors");
        Files.write(bad, java.util.Arrays.copyOf(bytes, n));
        assertRefused(bad);
    }

    @Test
    void aFlippedBitInTheWeightsIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length - 7] ^= 0x10;
        Path bad = tmp.resolve("flipped.safetensors");
        Files.write(bad, bytes);
        var e = assertRefused(bad);
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aDamagedHeaderIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        bytes[12] = '#';
        Path bad = tmp.resolve("header.safetensors");
        Files.write(bad, bytes);
        assertRefused(bad);
    }

    @Test
    void foreignFilesAreRefused() throws Exception {
        Path text = tmp.resolve("notes.safetensors");
        Files.writeString(text, "these are not weights, just a text file of some length");
        assertRefused(text);
        Path other = tmp.resolve("other.safetensors");
        Safetensors.write(other, List.of(new Safetensors.Tensor("x", new int[] {2}, new float[] {1, 2})), Map.of("format", "pt"));
        var e = assertRefused(other);
        assertTrue(e.getMessage().contains("not a densebench model"), e.getMessage());
    }

    @Test
    void theCommandLineSaysOneLineNamingTheFile() throws Exception {
        Path bad = tmp.resolve("cut.safetensors");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(good), 50));
        CommandRunner.Result r = CommandRunner.run("export", "--model", bad.toString(), "--format", "onnx", "--out", tmp.resolve("x.onnx").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(tmp.resolve("x.onnx")));
    }

    private DataFormatException assertRefused(Path bad) {
        var e = assertThrows(DataFormatException.class, () -> ModelFile.load(bad, new ScalarKernels(), 4));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        return e;
    }
}
