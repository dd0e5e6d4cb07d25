package io.recq.bench.driver;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, appended by one thread, merged and sorted at the end.
 */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    /**
     * @param nanos a latency
     */
    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /**
     * @param other samples to add to these
     */
    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    /**
     * @return how many samples
     */
    public int size() {
        return size;
    }

    /**
     * @param percentile 0 to 100
     * @return the latency at that percentile (nearest rank), in milliseconds, or {@code NaN} without samples
     */
    public double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000_000.0;
    }
}
