package dev.eventcrm.query.funnel;

import dev.eventcrm.query.report.SortedLongs;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The lengths, in milliseconds, of one kind of stay (the latest, or all added up) of a cohort's deals in one stage:
 * those that ended, fixed, and those still going, which last {@code completed + max(0, now - entered)} at the
 * query's "now". Kept sorted, so that a median or a percentile at any "now" is a search, not a sort of the cohort.
 */
final class StayTimes {
    private final long[] ended;
    private final long[] entered;
    private final long[] completed;
    /** Of the going stays, {@code entered - completed} in order: at a "now" after every entry, now minus it. */
    private final long[] starts;
    private final long lastEntered;

    private StayTimes(long[] ended, long[] entered, long[] completed) {
        this.ended = ended;
        this.entered = entered;
        this.completed = completed;
        this.starts = new long[entered.length];
        long last = Long.MIN_VALUE;
        for (int i = 0; i < entered.length; i++) {
            starts[i] = entered[i] - completed[i];
            last = Math.max(last, entered[i]);
        }
        Arrays.sort(this.ended);
        Arrays.sort(this.starts);
        this.lastEntered = last;
    }

    int count() {
        return ended.length + entered.length;
    }

    /** Median (the mean of the two middle values for an even count) and nearest-rank p90, in seconds. */
    FunnelView.Spread spread(long now) {
        int n = count();
        if (n == 0) {
            return new FunnelView.Spread(null, null);
        }
        Going going = going(now);
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
    private Going going(long now) {
        if (entered.length == 0 || now >= lastEntered) {
            return new Going(now, null);
        }
        long[] lengths = new long[entered.length];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = completed[i] + Math.max(0, now - entered[i]);
        }
        Arrays.sort(lengths);
        return new Going(now, lengths);
    }

    /** @param lengths the going stays' lengths in order, or null to count them from {@link #starts} */
    private record Going(long now, long[] lengths) {
    }

    /** The k-th smallest length (1-based): the least x with at least k lengths at or below it. */
    private long kth(int k, Going going) {
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

    private long atMost(long x, Going going) {
        long goingAtMost = going.lengths() != null ? SortedLongs.atMost(going.lengths(), x)
                // now - start <= x  <=>  start >= now - x
                : starts.length - SortedLongs.below(starts, going.now() - x);
        return SortedLongs.atMost(ended, x) + goingAtMost;
    }

    /** Collects a cohort's stays of one kind in one stage. */
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

        StayTimes build() {
            return new StayTimes(Arrays.copyOf(ended, endedCount), Arrays.copyOf(entered, goingCount),
                    Arrays.copyOf(completed, goingCount));
        }
    }
}
