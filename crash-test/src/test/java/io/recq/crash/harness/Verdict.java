package io.recq.crash.harness;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.recq.crash.harness.CrashApi.Outcome;
import io.recq.crash.harness.Load.Sent;

/**
 * The checks and the figures the crash test and the cluster test share: what the clients saw against what the
 * store holds.
 */
final class Verdict {

    /** The amount from which the saga records a deposit. */
    static final long SAGA_THRESHOLD = 900;

    private Verdict() {
    }

    /**
     * Every acknowledged deposit applied once, every unknown one at most once, nothing refused or never sent
     * applied.
     *
     * @param lost acknowledged but not applied
     * @param duplicated applied more than once, or applied although refused or never sent
     * @param keyedDuplicated of those, deposits that carried an idempotency key
     * @param unknownApplied deposits whose outcome the client did not learn, applied once
     * @param examples up to five of the problems
     */
    record ExactlyOnce(int lost, int duplicated, long keyedDuplicated, int unknownApplied, List<String> examples) {

        /** @return whether nothing was lost or duplicated */
        boolean holds() {
            return lost == 0 && duplicated == 0;
        }
    }

    /**
     * @param sent every deposit the clients sent
     * @param applied deposit id to the number of its {@code Deposited} events
     * @return what holds
     */
    static ExactlyOnce exactlyOnce(List<Sent> sent, Map<String, Integer> applied) {
        int lost = 0;
        int duplicated = 0;
        int unknownApplied = 0;
        List<String> examples = new ArrayList<>();
        for (Sent s : sent) {
            int n = applied.getOrDefault(s.depositId(), 0);
            switch (s.outcome()) {
                case ACKED -> {
                    if (n == 0) {
                        lost++;
                        example(examples, "acknowledged but not applied: " + s);
                    } else if (n > 1) {
                        duplicated++;
                        example(examples, "acknowledged, applied " + n + " times: " + s);
                    }
                }
                case UNKNOWN -> {
                    if (n > 1) {
                        duplicated++;
                        example(examples, "outcome unknown, applied " + n + " times: " + s);
                    } else if (n == 1) {
                        unknownApplied++;
                    }
                }
                case REFUSED, NOT_SENT -> {
                    if (n > 0) {
                        duplicated++;
                        example(examples, s.outcome() + " but applied " + n + " times: " + s);
                    }
                }
            }
        }
        long keyedDuplicated = sent.stream().filter(s -> s.keyed() && applied.getOrDefault(s.depositId(), 0) > 1)
                .count();
        return new ExactlyOnce(lost, duplicated, keyedDuplicated, unknownApplied, List.copyOf(examples));
    }

    /**
     * @param store the store
     * @return the deposits the saga committed a command for (up to its position) that were not recorded exactly
     *         once, each with its event and count
     */
    static List<String> sagaProblems(Store store) throws SQLException {
        Map<String, Long> triggers = store.sagaTriggers(SAGA_THRESHOLD, store.sagaPosition());
        Map<String, Integer> recorded = store.countByDeposit("DepositRecorded");
        return triggers.entrySet().stream().filter(t -> recorded.getOrDefault(t.getKey(), 0) != 1)
                .map(t -> t.getKey() + " (event " + t.getValue() + "): " + recorded.getOrDefault(t.getKey(), 0)
                        + " DepositRecorded")
                .collect(Collectors.toList());
    }

    /**
     * @return the accounts whose read model differs from the replay, up to five
     */
    static String difference(Map<String, Store.Balance> model, Map<String, Store.Balance> replay) {
        return replay.keySet().stream().filter(k -> !replay.get(k).equals(model.get(k))).limit(5)
                .map(k -> k + " replay " + replay.get(k) + " read model " + model.get(k))
                .collect(Collectors.joining("; "));
    }

    /**
     * @return the deposits sent, by keyed and outcome
     */
    static String counts(List<Sent> sent) {
        long keyed = sent.stream().filter(Sent::keyed).count();
        return String.format(Locale.ROOT, "%d sent (%d keyed, %d unkeyed): %d acknowledged, %d unknown, %d refused, "
                + "%d never reached the server", sent.stream().filter(s -> s.outcome() != Outcome.NOT_SENT).count(),
                keyed, sent.size() - keyed, count(sent, Outcome.ACKED), count(sent, Outcome.UNKNOWN),
                count(sent, Outcome.REFUSED), count(sent, Outcome.NOT_SENT));
    }

    static long count(List<Sent> sent, Outcome outcome) {
        return sent.stream().filter(s -> s.outcome() == outcome).count();
    }

    /**
     * @return min / median / max in seconds, {@code -} when there are none
     */
    static String minMedianMax(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "-";
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return seconds(sorted.get(0)) + " / " + seconds(sorted.get(sorted.size() / 2)) + " / "
                + seconds(sorted.get(sorted.size() - 1));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 5) {
            examples.add(example);
        }
    }
}
