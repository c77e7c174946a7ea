package dev.eventcrm.projections.bucket;

import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One bucket's totals, kept by difference: each counter with how many documents contribute to it, each exact sum with
 * how many contributions of each decimal scale it holds, and per writer its last change the bucket shows, with the
 * documents of that change already applied. The contributor counts make the totals those of adding up the current
 * contributions: a counter or sum nothing contributes to any more disappears, and a sum is shown at the largest
 * scale among its current contributions (10.5 + 3.25 - 3.25 shows as 10.5, not 10.50). A total is dropped only when
 * both it and its count are zero: changes of one document applied out of order by two writers may pass through
 * negative counts.
 */
record Bucket(Map<String, Counter> counters, Map<String, Map<String, Sum>> sums, Map<String, Applied> writers) {
    static final Bucket EMPTY = new Bucket(Map.of(), Map.of(), Map.of());

    record Counter(long total, long contributors) {
    }

    record Sum(BigDecimal total, Map<Integer, Long> scales) {

        /** The largest scale among the current contributions. */
        int scale() {
            return scales.entrySet().stream().filter(count -> count.getValue() > 0).mapToInt(Map.Entry::getKey)
                    .max().orElse(total.scale());
        }
    }

    /** A writer's latest change this bucket shows, and the documents of it applied so far. */
    record Applied(long sequence, Set<String> documents) {

        Applied {
            documents = Set.copyOf(documents);
        }
    }

    /** What one change of one document takes out of a bucket and puts into it. */
    record Move(List<Document> removed, List<Document> added) {

        /** A share taken out and put back as it was changes nothing. */
        boolean cancelsOut() {
            List<Document> left = new ArrayList<>(added);
            for (Document share : removed) {
                if (!left.remove(share)) {
                    return false;
                }
            }
            return left.isEmpty();
        }
    }

    /**
     * This bucket with each document's move of {@code writer}'s change {@code sequence} applied, except those it
     * already shows; itself when it shows them all.
     */
    Bucket changed(String writer, long sequence, Map<String, Move> moves) {
        Applied applied = writers.get(writer);
        if (applied != null && applied.sequence() > sequence) {
            return this;
        }
        Set<String> documents = applied != null && applied.sequence() == sequence
                ? new HashSet<>(applied.documents()) : new HashSet<>();
        Map<String, Counter> nextCounters = new TreeMap<>(counters);
        Map<String, Map<String, Sum>> nextSums = new TreeMap<>();
        sums.forEach((field, perKey) -> nextSums.put(field, new TreeMap<>(perKey)));
        boolean changed = false;
        for (Map.Entry<String, Move> move : moves.entrySet()) {
            if (documents.add(move.getKey())) {
                move.getValue().removed().forEach(share -> add(nextCounters, nextSums, share, -1));
                move.getValue().added().forEach(share -> add(nextCounters, nextSums, share, 1));
                changed = true;
            }
        }
        if (!changed) {
            return this;
        }
        Map<String, Applied> nextWriters = new TreeMap<>(writers);
        nextWriters.put(writer, new Applied(sequence, documents));
        return new Bucket(nextCounters, nextSums, nextWriters);
    }

    private static void add(Map<String, Counter> counters, Map<String, Map<String, Sum>> sums, Document share,
                            int sign) {
        share.forEach((field, value) -> {
            if (value instanceof Document perKey) {
                Map<String, Sum> fieldSums = sums.computeIfAbsent(field, key -> new TreeMap<>());
                perKey.forEach((key, decimal) -> addSum(fieldSums, key, new BigDecimal((String) decimal), sign));
                if (fieldSums.isEmpty()) {
                    sums.remove(field);
                }
            } else {
                Counter counter = counters.getOrDefault(field, new Counter(0, 0));
                Counter next = new Counter(counter.total() + sign * ((Number) value).longValue(),
                        counter.contributors() + sign);
                if (next.contributors() == 0 && next.total() == 0) {
                    counters.remove(field);
                } else {
                    counters.put(field, next);
                }
            }
        });
    }

    private static void addSum(Map<String, Sum> sums, String key, BigDecimal value, int sign) {
        Sum sum = sums.getOrDefault(key, new Sum(BigDecimal.ZERO, Map.of()));
        Map<Integer, Long> scales = new TreeMap<>(sum.scales());
        scales.merge(value.scale(), (long) sign, Long::sum);
        scales.values().removeIf(count -> count == 0);
        BigDecimal total = sign > 0 ? sum.total().add(value) : sum.total().subtract(value);
        if (scales.isEmpty() && total.signum() == 0) {
            sums.remove(key);
        } else {
            sums.put(key, new Sum(total, scales));
        }
    }
}
