package io.recq.bench.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the server's JVM spent while a phase ran: the peak of the used heap (sampled every 5 ms), the
 * process's CPU time, the bytes every thread allocated and the time spent in garbage collection. Read through
 * the platform MXBeans by name, so that no {@code com.sun.management} class has to be visible to the
 * deployment.
 */
public final class JvmMeter {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName OS = name("java.lang:type=OperatingSystem");
    private static final ObjectName THREADS = name("java.lang:type=Threading");

    private final Map<Long, Long> allocatedAtStart;
    private final long cpuAtStart;
    private final long gcAtStart;
    private final long startNanos;
    private final AtomicLong peakHeap = new AtomicLong();
    private volatile boolean sampling = true;

    private JvmMeter(ThreadFactory threads) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        peakHeap.set(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = threads.newThread(() -> {
            while (sampling) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setName("bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        allocatedAtStart = allocatedByThread();
        cpuAtStart = processCpuNanos();
        gcAtStart = gcMillis();
        startNanos = System.nanoTime();
    }

    /**
     * Starts counting.
     *
     * @param threads where the heap sampler's thread comes from
     * @return the meter
     */
    public static JvmMeter start(ThreadFactory threads) {
        return new JvmMeter(threads);
    }

    /**
     * Reads what was spent since {@link #start()}; call it while the phase's threads still live, so that their
     * allocations are counted.
     *
     * @return the figures
     */
    public Reading read() {
        Map<Long, Long> now = allocatedByThread();
        long allocated = 0;
        for (Map.Entry<Long, Long> entry : now.entrySet()) {
            long before = allocatedAtStart.getOrDefault(entry.getKey(), 0L);
            if (entry.getValue() >= before) {
                allocated += entry.getValue() - before;
            }
        }
        sampling = false;
        peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        return new Reading(peakHeap.get(), processCpuNanos() - cpuAtStart, allocated, gcMillis() - gcAtStart,
                System.nanoTime() - startNanos);
    }

    /**
     * What a phase spent.
     *
     * @param peakHeapBytes the highest used heap sampled
     * @param cpuNanos CPU time of the server process
     * @param allocatedBytes bytes allocated by the threads alive at the end
     * @param gcMillis time spent in garbage collection
     * @param elapsedNanos wall time
     */
    public record Reading(long peakHeapBytes, long cpuNanos, long allocatedBytes, long gcMillis,
            long elapsedNanos) {
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = ManagementFactory.getThreadMXBean().getAllThreadIds();
        Map<Long, Long> result = new HashMap<>();
        try {
            long[] bytes = (long[]) SERVER.invoke(THREADS, "getThreadAllocatedBytes", new Object[] {ids},
                    new String[] {long[].class.getName()});
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    result.put(ids[i], bytes[i]);
                }
            }
        } catch (Exception e) {
            // this JVM does not count allocations: report 0
        }
        return result;
    }

    private static long processCpuNanos() {
        try {
            return ((Number) SERVER.getAttribute(OS, "ProcessCpuTime")).longValue();
        } catch (Exception e) {
            return 0;
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
