package dev.eventcrm.query.segment;

import dev.eventcrm.query.report.SortedLongs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customer value, lifecycle and RFM of every listed contact (created, neither archived nor merged away), as of
 * {@code now}. Pure: the report and the contact list's {@code segment=} filter both read through it.
 *
 * <p>Scores are quintiles by rank with ties sharing a score: a customer's F (or M) score is
 * {@code 1 + floor(5 x (customers with a strictly smaller value) / customers)}, its R score the same over customers
 * with strictly more days since their last win. So the best fifth scores 5, and a tie never splits over two scores
 * (a tie gets the score of its lowest rank).
 */
final class Segmentation {
    private static final int MAX_MERGE_HOPS = 8;

    private final String reportingCurrency;
    private final List<Classified> contacts;
    private final Instant until;

    private Segmentation(String reportingCurrency, List<Classified> contacts, Instant until) {
        this.reportingCurrency = reportingCurrency;
        this.contacts = contacts;
        this.until = until;
    }

    /**
     * @param tallies  per contact as its deals and activities were recorded for, its value as of {@code now}; a
     *                 merged-away contact's counts for the contact it was merged into
     * @param currency the configured reporting currency, or null for the currency most won deals are in
     */
    static Segmentation of(List<ContactRow> rows, Tallies tallies, Instant now, String currency, int churnAfterDays) {
        Map<String, ContactRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Map<String, CustomerTally> listed = new TreeMap<>();
        rows.stream().filter(row -> row.mergedInto() == null && !row.archived())
                .forEach(row -> listed.put(row.id(), new CustomerTally()));
        tallies.byContact().forEach((contact, tally) -> {
            CustomerTally own = listed.get(survivor(contact, byId));
            if (own != null) {
                own.add(tally);
            }
        });
        Map<String, CustomerValue> values = new TreeMap<>();
        listed.forEach((id, own) -> values.put(id, own.value()));
        String reporting = currency != null ? currency : mostWonIn(values.values());

        List<String> customers = values.entrySet().stream().filter(e -> e.getValue().wonDeals() > 0)
                .map(Map.Entry::getKey).toList();
        long[] recency = new long[customers.size()];
        long[] frequency = new long[customers.size()];
        BigDecimal[] monetary = new BigDecimal[customers.size()];
        for (int i = 0; i < customers.size(); i++) {
            CustomerValue value = values.get(customers.get(i));
            recency[i] = Math.max(0, Duration.between(value.lastWonAt(), now).toDays());
            frequency[i] = value.wonDeals();
            monetary[i] = value.wonTotals().getOrDefault(reporting, BigDecimal.ZERO);
        }
        long[] recencySorted = recency.clone();
        long[] frequencySorted = frequency.clone();
        BigDecimal[] monetarySorted = monetary.clone();
        Arrays.sort(recencySorted);
        Arrays.sort(frequencySorted);
        Arrays.sort(monetarySorted, Comparator.naturalOrder());

        Map<String, Classified.Rfm> rfm = new HashMap<>();
        int n = customers.size();
        for (int i = 0; i < n; i++) {
            // R: how many have strictly more days since their last win, i.e. are less recent
            int lessRecent = n - SortedLongs.atMost(recencySorted, recency[i]);
            int r = score(lessRecent, n);
            int f = score(SortedLongs.below(frequencySorted, frequency[i]), n);
            int m = score(lowerBound(monetarySorted, monetary[i]), n);
            rfm.put(customers.get(i), new Classified.Rfm(recency[i], (int) frequency[i], monetary[i], r, f, m,
                    Segment.of(r, f, m)));
        }
        List<Classified> classified = new ArrayList<>();
        Instant until = tallies.until();
        for (Map.Entry<String, CustomerValue> entry : values.entrySet()) {
            CustomerValue value = entry.getValue();
            classified.add(new Classified(byId.get(entry.getKey()), value, lifecycle(value, now, churnAfterDays),
                    rfm.get(entry.getKey())));
            if (value.lastWonAt() != null) {
                // days since the last win (recency, churn) count one more a whole day after they last did
                Instant nextDay = value.lastWonAt().plus(Duration.ofDays(
                        Math.max(0, Duration.between(value.lastWonAt(), now).toDays()) + 1));
                until = nextDay.isBefore(until) ? nextDay : until;
            }
        }
        return new Segmentation(reporting, classified, until);
    }

    /**
     * The first instant after the "now" it was made for at which, with no new fact, this segmentation would come out
     * differently: until then it stands for every "now" in between.
     */
    Instant until() {
        return until;
    }

    String reportingCurrency() {
        return reportingCurrency;
    }

    List<Classified> contacts() {
        return contacts;
    }

    private static int score(int strictlyWorse, int customers) {
        return 1 + 5 * strictlyWorse / customers;
    }

    private static String survivor(String id, Map<String, ContactRow> byId) {
        String current = id;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            ContactRow row = byId.get(current);
            if (row == null || row.mergedInto() == null) {
                return current;
            }
            current = row.mergedInto();
        }
        return current;
    }

    private static Lifecycle lifecycle(CustomerValue value, Instant now, int churnAfterDays) {
        if (value.wonDeals() > 0) {
            return Duration.between(value.lastWonAt(), now).toDays() > churnAfterDays ? Lifecycle.CHURNED
                    : Lifecycle.CUSTOMER;
        }
        return value.openDeals() > 0 ? Lifecycle.PROSPECT : Lifecycle.LEAD;
    }

    /** The currency most won deals are in; on a tie the first in alphabetical order; null without any. */
    private static String mostWonIn(Iterable<CustomerValue> values) {
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(value -> value.wonByCurrency().forEach((currency, count) ->
                counts.merge(currency, count, Integer::sum)));
        String best = null;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (best == null || entry.getValue() > counts.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    private static int lowerBound(BigDecimal[] sorted, BigDecimal value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid].compareTo(value) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
