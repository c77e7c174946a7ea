package dev.eventcrm.query.report;

/** Counting in an ascending array by binary search: what ranks, medians and percentiles are read from. */
public final class SortedLongs {

    private SortedLongs() {
    }

    /** How many values are below {@code value} (the index of the first one at or above it). */
    public static int below(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** How many values are at most {@code value} (the index of the first one above it). */
    public static int atMost(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
