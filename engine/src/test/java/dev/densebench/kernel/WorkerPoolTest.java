package dev.densebench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool runs every task once on every worker, whether the workers were spinning or parked. */
class WorkerPoolTest {

    @Test
    void everyWorkerRunsEveryTaskAfterSpinningOrParking() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (WorkerPool pool = new WorkerPool(3)) {
                AtomicIntegerArray runs = new AtomicIntegerArray(3);
                for (int call = 1; call <= 300; call++) {
                    // Back-to-back calls find the workers spinning; after a pause they have parked.
                    if (call % 10 == 0) Thread.sleep(5);
                    pool.run((index, count) -> {
                        assertEquals(3, count);
                        runs.incrementAndGet(index);
                    });
                    for (int w = 0; w < 3; w++) assertEquals(call, runs.get(w), "worker " + w + " after call " + call);
                }
            }
        });
    }

    @Test
    void aWorkerFailureReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThrows(IllegalStateException.class, () -> pool.run((index, count) -> {
                if (index == 1) throw new IllegalStateException("worker 1 fails");
            }));
            // The pool still works afterwards.
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            pool.run((index, count) -> runs.incrementAndGet(index));
            assertEquals(1, runs.get(0));
            assertEquals(1, runs.get(1));
        }
    }
}
