package dev.eventcrm.query.funnel;

import dev.eventcrm.query.report.SortedLongs;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The lengths, in milliseconds, of one kind of stay (the latest, or all added up) of a cohort's deals in one stage:
 * those that ended, fixed, and those still going, which last {@code completed + max(0, now - entered)} at the
 * query's "now". Kept sorted, so that a median or a percentile at any "now" is a search, not a sort of the cohort,
 * and so that a few deals' stays are taken out and put in by merging, not by sorting again.
 */
final class StayTimes {
    static final StayTimes NONE = new StayTimes(new long[0], new long[0], new long[0], new long[0]);

    private final long[] ended;
    /** The going stays' entries and completed lengths, pairwise, in no particular order. */
    private final long[] entered;
    private final long[] completed;
    /** Of the going stays, {@code entered - completed} in order: at a "now" after every entry, now minus it. */
    private final long[] starts;
    private final long lastEntered;

    private StayTimes(long[] ended, long[] entered, long[] completed, long[] starts) {
        this.ended = ended;
        this.entered = entered;
        this.completed = completed;
        this.starts = starts;
        long last = Long.MIN_VALUE;
        for (long entry : entered) {
            last = Math.max(last, entry);
        }
        this.lastEntered = last;
    }

    int count() {
        return ended.length + entered.length;
    }

    /** These stays without {@code removed}'s (each of which must be here) and with {@code added}'s. */
    StayTimes with(Builder removed, Builder added) {
        if (removed.isEmpty() && added.isEmpty()) {
            return this;
        }
        Map<Going, Integer> leaving = new HashMap<>();
        long[] leavingStarts = new long[removed.goingCount];
        for (int i = 0; i < removed.goingCount; i++) {
            leaving.merge(new Going(removed.entered[i], removed.completed[i]), 1, Integer::sum);
            leavingStarts[i] = removed.entered[i] - removed.completed[i];
        }
        int kept = entered.length - removed.goingCount;
        long[] nextEntered = new long[kept + added.goingCount];
        long[] nextCompleted = new long[kept + added.goingCount];
        long[] arrivingStarts = new long[added.goingCount];
        int n = 0;
        for (int i = 0; i < entered.length; i++) {
            if (!leaving.isEmpty()) {
                Going stay = new Going(entered[i], completed[i]);
                Integer left = leaving.get(stay);
                if (left != null) {
                    if (left == 1) {
                        leaving.remove(stay);
                    } else {
                        leaving.put(stay, left - 1);
                    }
                    continue;
                }
            }
            if (n == kept) {
                throw new IllegalStateException("a going stay to take out is not here");
            }
            nextEntered[n] = entered[i];
            nextCompleted[n++] = completed[i];
        }
        for (int i = 0; i < added.goingCount; i++) {
            nextEntered[n] = added.entered[i];
            nextCompleted[n++] = added.completed[i];
            arrivingStarts[i] = added.entered[i] - added.completed[i];
        }
        return new StayTimes(merged(ended, Arrays.copyOf(removed.ended, removed.endedCount),
                Arrays.copyOf(added.ended, added.endedCount)), nextEntered, nextCompleted,
                merged(starts, leavingStarts, arrivingStarts));
    }

    private record Going(long entered, long completed) {
    }

    /** {@code sorted} without one occurrence of each of {@code out}'s values and with {@code in}'s, in order. */
    private static long[] merged(long[] sorted, long[] out, long[] in) {
        Arrays.sort(out);
        Arrays.sort(in);
        long[] result = new long[sorted.length - out.length + in.length];
        int o = 0;
        int a = 0;
        int n = 0;
        for (long value : sorted) {
            if (o < out.length && out[o] == value) {
                o++;
                continue;
            }
            if (o < out.length && out[o] < value) {
                throw new IllegalStateException("a stay's length to take out is not here: " + out[o]);
            }
            while (a < in.length && in[a] < value) {
                result[n++] = in[a++];
            }
            result[n++] = value;
        }
        if (o < out.length) {
            throw new IllegalStateException("a stay's length to take out is not here: " + out[o]);
        }
        while (a < in.length) {
            result[n++] = in[a++];
        }
        return result;
    }

    /** Median (the mean of the two middle values for an even count) and nearest-rank p90, in seconds. */
    FunnelView.Spread spread(long now) {
        int n = count();
        if (n == 0) {
            return new FunnelView.Spread(null, null);
        }
        Lengths going = going(now);
        BigDecimal median = n % 2 == 1 ? BigDecimal.valueOf(kth(n / 2 + 1, going))
                : BigDecimal.valueOf(kth(n / 2, going)).add(BigDecimal.valueOf(kth(n / 2 + 1, going)))
                .divide(BigDecimal.valueOf(2));
        // nearest rank: the smallest value with at least 90 % of the values at or below it
        int rank = (9 * n + 9) / 10;
        return new FunnelView.Spread(median.movePointLeft(3), BigDecimal.valueOf(kth(rank, going)).movePointLeft(3));
    }

    /**
     * The going stays' lengths at {@code now}: counted from {@link #starts} when every stay began by then, else (a
     * clock behind an event's time, where lengths are clamped at what was completed) worked out and sorted.
     */
    private Lengths going(long now) {
        if (entered.length == 0 || now >= lastEntered) {
            return new Lengths(now, null);
        }
        long[] lengths = new long[entered.length];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = completed[i] + Math.max(0, now - entered[i]);
        }
        Arrays.sort(lengths);
        return new Lengths(now, lengths);
    }

    /** @param lengths the going stays' lengths in order, or null to count them from {@link #starts} */
    private record Lengths(long now, long[] lengths) {
    }

    /** The k-th smallest length (1-based): the least x with at least k lengths at or below it. */
    private long kth(int k, Lengths going) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        if (ended.length > 0) {
            low = ended[0];
            high = ended[ended.length - 1];
        }
        if (entered.length > 0) {
            low = Math.min(low, going.lengths() == null ? going.now() - starts[starts.length - 1] : going.lengths()[0]);
            high = Math.max(high, going.lengths() == null ? going.now() - starts[0]
                    : going.lengths()[going.lengths().length - 1]);
        }
        while (low < high) {
            long middle = low + Math.floorDiv(high - low, 2);
            if (atMost(middle, going) >= k) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private long atMost(long x, Lengths going) {
        long goingAtMost = going.lengths() != null ? SortedLongs.atMost(going.lengths(), x)
                // now - start <= x  <=>  start >= now - x
                : starts.length - SortedLongs.below(starts, going.now() - x);
        return SortedLongs.atMost(ended, x) + goingAtMost;
    }

    /** Collects stays of one kind in one stage: a cohort's, or those a change takes out or puts in. */
    static final class Builder {
        private long[] ended = new long[8];
        private int endedCount;
        private long[] entered = new long[8];
        private long[] completed = new long[8];
        private int goingCount;

        void ended(long millis) {
            if (endedCount == ended.length) {
                ended = Arrays.copyOf(ended, endedCount * 2);
            }
            ended[endedCount++] = millis;
        }

        void going(long enteredMillis, long completedMillis) {
            if (goingCount == entered.length) {
                entered = Arrays.copyOf(entered, goingCount * 2);
                completed = Arrays.copyOf(completed, goingCount * 2);
            }
            entered[goingCount] = enteredMillis;
            completed[goingCount++] = completedMillis;
        }

        boolean isEmpty() {
            return endedCount == 0 && goingCount == 0;
        }
    }
}
