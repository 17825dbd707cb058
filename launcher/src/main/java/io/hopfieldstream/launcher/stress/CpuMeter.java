package io.hopfieldstream.launcher.stress;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU time of this process by part of the pipeline: each Java thread's CPU time, read every
 * {@value #SAMPLE_MILLIS} ms from {@link ThreadMXBean} and added to its part by thread name, and
 * the process's total CPU time. The difference is CPU time outside Java threads: the worker
 * threads of the retrieval's matrix products (OpenMP and OpenBLAS), garbage collection and JIT
 * compilation. A Java thread's time includes the native code it calls, so the retrieval thread's
 * part holds its own share of the matrix products besides the probe preparation in Java.
 *
 * <p>A thread that ends between two samples loses at most its last {@value #SAMPLE_MILLIS} ms, and
 * that time lands in the native remainder. With an external cluster the broker's CPU is not here.
 */
final class CpuMeter implements AutoCloseable {

    /** Time between two readings of the threads' CPU times. */
    static final long SAMPLE_MILLIS = 500;

    /** Part for CPU time outside Java threads. */
    static final String NATIVE = "native threads: BLAS workers, GC, JIT";

    private static final Logger log = LoggerFactory.getLogger(CpuMeter.class);

    /** Parts by thread name, tried in order; the first match wins. */
    private static final Map<String, Pattern> PARTS = parts();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean system = operatingSystem();
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private final Map<String, Long> nanosByPart = new TreeMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stress-cpu-meter");
        thread.setDaemon(true);
        return thread;
    });
    private final boolean supported;

    CpuMeter() {
        supported = threads.isThreadCpuTimeSupported() && system != null;
        if (supported && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        if (!supported) {
            log.warn("This JVM does not report thread or process CPU time; the CPU breakdown stays empty");
        }
    }

    /** Starts the periodic readings. */
    void start() {
        if (supported) {
            sample();
            ticker.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Returns the CPU time so far by part, and of the whole process, in nanoseconds. */
    synchronized Snapshot snapshot() {
        if (!supported) {
            return new Snapshot(Map.of(), 0);
        }
        sample();
        return new Snapshot(new TreeMap<>(nanosByPart), system.getProcessCpuTime());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private synchronized void sample() {
        try {
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long cpu = threads.getThreadCpuTime(ids[i]);
                if (cpu < 0 || infos[i] == null) {
                    continue;
                }
                Long last = lastByThread.put(ids[i], cpu);
                long delta = cpu - (last == null ? 0 : last);
                if (delta > 0) {
                    nanosByPart.merge(part(infos[i].getThreadName()), delta, Long::sum);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Failed to read the threads' CPU times: {}", e.toString());
        }
    }

    /** Returns the part of the pipeline a thread belongs to, by its name. */
    static String part(String threadName) {
        for (Map.Entry<String, Pattern> part : PARTS.entrySet()) {
            if (part.getValue().matcher(threadName).find()) {
                return part.getKey();
            }
        }
        return "other";
    }

    private static Map<String, Pattern> parts() {
        Map<String, Pattern> parts = new LinkedHashMap<>();
        parts.put("probe publishers", Pattern.compile("^probe-publisher|^hopfield-probe-creator|\\| hopfield-probe-publisher"));
        parts.put("retrieval thread", Pattern.compile("^retriever-compute|^stress-kernel"));
        parts.put("retriever service", Pattern.compile("^retriever-main|^memory-follower|^kafka-coordinator-heartbeat-thread|\\| .*-(writer|probes|memory|memory-dead-letters)$"));
        parts.put("stress tool", Pattern.compile("^stress-|hopfield-stress-tracker"));
        parts.put("other Kafka clients", Pattern.compile("^kafka-producer-network-thread|^kafka-admin-client-thread|^consumer_"));
        parts.put("Kafka broker", Pattern.compile("^data-plane-|^kafka-|^quorum-|^TxnMarker|^group-coordinator|"
                + "^share-coordinator|^ExpirationReaper|^LogDirFailureHandler|^transaction-|^controller-|^broker-|"
                + "^raft-|^log-closing|^executor-|^feature-|^metrics-|^RequestSendThread|^ReplicaFetcher|"
                + "^AddPartitionsToTxn|^persister|^NodeToControllerChannelManager|^client-metrics"));
        return parts;
    }

    private static com.sun.management.OperatingSystemMXBean operatingSystem() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean extended ? extended : null;
    }

    /**
     * CPU time at one moment, in nanoseconds.
     *
     * @param byPart CPU time of Java threads by part
     * @param process CPU time of the whole process
     */
    record Snapshot(Map<String, Long> byPart, long process) {

        /**
         * Returns the CPU cores each part used on average between {@code earlier} and this snapshot, with
         * {@link #NATIVE} for the time outside Java threads, largest first.
         */
        Map<String, Double> coresSince(Snapshot earlier, double seconds) {
            Map<String, Double> cores = new LinkedHashMap<>();
            if (seconds <= 0 || process == 0) {
                return cores;
            }
            long javaNanos = 0;
            Map<String, Double> unsorted = new HashMap<>();
            for (Map.Entry<String, Long> part : byPart.entrySet()) {
                long nanos = part.getValue() - earlier.byPart.getOrDefault(part.getKey(), 0L);
                javaNanos += nanos;
                unsorted.put(part.getKey(), nanos / 1e9 / seconds);
            }
            long processNanos = process - earlier.process;
            unsorted.put(NATIVE, Math.max(0, processNanos - javaNanos) / 1e9 / seconds);
            unsorted.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(entry -> cores.put(entry.getKey(), round(entry.getValue())));
            return cores;
        }

        /** Returns the cores the whole process used on average between {@code earlier} and this snapshot. */
        double processCoresSince(Snapshot earlier, double seconds) {
            return seconds <= 0 ? 0.0 : round((process - earlier.process) / 1e9 / seconds);
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
