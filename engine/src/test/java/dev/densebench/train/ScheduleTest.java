package dev.densebench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Learning-rate schedules at given points of training. */
class ScheduleTest {
    static final float BASE = 0.1f;

    @Test
    void constant() {
        Schedule s = Schedule.constant();
        assertEquals(BASE, s.rate(BASE, 0.3, 10), 0f);
        assertEquals(BASE, s.rate(BASE, 9.9, 10), 0f);
    }

    @Test
    void step() {
        Schedule s = new Schedule("step", 0.5f, 3f, 0f);
        assertEquals(0.1, s.rate(BASE, 2.99, 10), 1e-7);
        assertEquals(0.05, s.rate(BASE, 3.0, 10), 1e-7);
        assertEquals(0.025, s.rate(BASE, 6.5, 10), 1e-7);
    }

    @Test
    void exponential() {
        Schedule s = new Schedule("exponential", 0.9f, 1f, 0f);
        assertEquals(0.1 * Math.pow(0.9f, 2.5), s.rate(BASE, 2.5, 10), 1e-7);
    }

    @Test
    void cosine() {
        Schedule s = new Schedule("cosine", 1f, 1f, 0f);
        assertEquals(0.1, s.rate(BASE, 0, 10), 1e-7);
        assertEquals(0.05, s.rate(BASE, 5, 10), 1e-7);
        assertEquals(0.0, s.rate(BASE, 10, 10), 1e-7);
    }

    @Test
    void linearWarmUpThenTheSchedule() {
        Schedule s = new Schedule("cosine", 1f, 1f, 2f);
        assertEquals(0.1 * 0.25 * 0.5 * (1 + Math.cos(Math.PI * 0.5 / 10)), s.rate(BASE, 0.5, 10), 1e-7);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 4 / 10)), s.rate(BASE, 4, 10), 1e-7);
    }
}
