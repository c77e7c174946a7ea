package dev.eventcrm.query.managerkpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.eventcrm.query.mongo.ShareKey;
import dev.eventcrm.query.report.SortedLongs;
import org.bson.Document;

/**
 * The open tasks due before the end of one day, per assignee, read once from the due buckets: those due on earlier
 * days as a count, that day's as sorted due instants. So "overdue at now", for any now of that day, is a count plus
 * a binary search, however many tasks fall due that day.
 */
final class OpenTasksDue {
    private final Map<String, Long> beforeToday;
    /** Per assignee, today's due instants in order, and how many tasks are due at or before each. */
    private final Map<String, long[]> instants;
    private final Map<String, long[]> cumulative;

    private OpenTasksDue(Map<String, Long> beforeToday, Map<String, long[]> instants, Map<String, long[]> cumulative) {
        this.beforeToday = beforeToday;
        this.instants = instants;
        this.cumulative = cumulative;
    }

    /**
     * @param byDay   {@code bucket:kpi:due} (assignee and due day), null when absent
     * @param dayOf   {@code bucket:kpi:due:<today>} (assignee and due instant), null when absent
     */
    static OpenTasksDue of(LocalDate today, Document byDay, Document dayOf) {
        Map<String, Long> before = new HashMap<>();
        ShareKey.sums(totals(byDay), "openDue").forEach((key, count) -> {
            List<String> values = ShareKey.values(key); // assignee, due day
            if (LocalDate.parse(values.get(1)).isBefore(today)) {
                before.merge(values.get(0), count.longValueExact(), Long::sum);
            }
        });
        Map<String, TreeMap<Long, Long>> due = new HashMap<>();
        ShareKey.sums(totals(dayOf), "openDueAt").forEach((key, count) -> {
            List<String> values = ShareKey.values(key); // assignee, due instant
            due.computeIfAbsent(values.get(0), assignee -> new TreeMap<>())
                    .merge(Long.parseLong(values.get(1)), count.longValueExact(), Long::sum);
        });
        Map<String, long[]> instants = new HashMap<>();
        Map<String, long[]> cumulative = new HashMap<>();
        due.forEach((assignee, counts) -> {
            long[] at = new long[counts.size()];
            long[] sums = new long[counts.size()];
            int i = 0;
            long sum = 0;
            for (Map.Entry<Long, Long> entry : counts.entrySet()) {
                at[i] = entry.getKey();
                sum += entry.getValue();
                sums[i++] = sum;
            }
            instants.put(assignee, at);
            cumulative.put(assignee, sums);
        });
        return new OpenTasksDue(before, instants, cumulative);
    }

    private static Document totals(Document bucket) {
        return bucket == null ? new Document() : bucket.get("totals", new Document());
    }

    /** Assignee -> open tasks due before {@code now} (an instant of the day this was read for), for those with any. */
    Map<String, Long> overdueAt(Instant now) {
        Map<String, Long> overdue = new HashMap<>(beforeToday);
        long millis = now.toEpochMilli();
        instants.forEach((assignee, at) -> {
            int due = SortedLongs.below(at, millis);
            if (due > 0) {
                overdue.merge(assignee, cumulative.get(assignee)[due - 1], Long::sum);
            }
        });
        return overdue;
    }
}
