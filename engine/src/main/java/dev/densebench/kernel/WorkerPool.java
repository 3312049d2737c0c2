package dev.densebench.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that run one task at a time, split by worker index, without
 * allocating per call (a fresh executor future or latch per GEMM would break the training
 * step's zero-allocation promise). The caller's thread is worker 0; workers 1..n-1 spin
 * briefly, then park, until the next generation is published.
 */
public final class WorkerPool implements AutoCloseable {

    /** A unit of parallel work: worker {@code index} of {@code count} does its share. */
    @FunctionalInterface
    public interface Task {
        void run(int index, int count);
    }

    private static final int SPINS_BEFORE_PARK = 20_000;

    private final int size;
    private final Thread[] threads;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    /**
     * Workers that may be parked. A worker counts itself in before its last look at the
     * generation and parks only if nothing was published; the caller publishes, then reads
     * this count (both are sequentially consistent), so it either sees the worker counted in
     * or the worker sees the new generation. Spinning workers need no system-call wake-up.
     */
    private final AtomicInteger parked = new AtomicInteger();

    /** One worker, the calling thread: no threads are started, a task runs inline. */
    public static final WorkerPool CALLER_ONLY = new WorkerPool(1);

    public WorkerPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + size);
        }
        this.size = size;
        this.threads = new Thread[size - 1];
        for (int i = 1; i < size; i++) {
            final int index = i;
            Thread t = new Thread(() -> workerLoop(index), "densebench-worker-" + i);
            t.setDaemon(true);
            threads[i - 1] = t;
            t.start();
        }
    }

    public int size() {
        return size;
    }

    /** Runs {@code t} on every worker (the caller is worker 0) and returns when all are done. */
    public void run(Task t) {
        if (size == 1) {
            t.run(0, 1);
            return;
        }
        task = t;
        pending.set(size - 1);
        generation++;
        if (parked.get() > 0) {
            for (Thread thread : threads) {
                LockSupport.unpark(thread);
            }
        }
        Throwable own = null;
        try {
            t.run(0, size);
        } catch (Throwable e) {
            own = e;
        }
        while (pending.get() > 0) {
            Thread.onSpinWait();
        }
        task = null;
        Throwable other = failure;
        failure = null;
        if (own != null || other != null) {
            Throwable e = own != null ? own : other;
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error er) throw er;
            throw new IllegalStateException(e);
        }
    }

    private void workerLoop(int index) {
        int seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (spins++ < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    parked.incrementAndGet();
                    if (generation == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked.decrementAndGet();
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(index, size);
            } catch (Throwable e) {
                failure = e;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
    }
}
