package dev.eventcrm.query.segment;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.customervalue.CustomerValueProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import dev.eventcrm.query.segment.CustomerEvents.Fact;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random customer bases (ties on every measure likely, merges, archived contacts, several currencies, wins withdrawn
 * and won again, activities around the engagement windows' edges and after now), folded by the real customer-value
 * projection (in random batches with redeliveries, checked against a rebuild) and read from its buckets: each
 * contact's lifecycle, RFM scores and segment equal a brute force that counts worse customers pair by pair and applies
 * the README's rule table (ties always share a score), and its value and engagement equal its facts added up.
 */
class SegmentPropertyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<String> CURRENCIES = List.of("EUR", "USD");

    record Expected(String lifecycle, String rfm) {
    }

    @Property(tries = 300)
    void scoresSegmentsAndLifecycleEqualABruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        int count = 1 + random.nextInt(25);
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // some merged into an earlier contact, some archived
            String mergedInto = i > 0 && random.nextInt(6) == 0 ? "c" + random.nextInt(i) : null;
            rows.add(new ContactRow("c" + i, mergedInto, random.nextInt(10) == 0, null, null, null));
        }
        // an activity first: some bucket to compare
        List<Fact> facts = new ArrayList<>(List.of(new Fact(false, "c0", null, null, null, NOW.minusSeconds(60), null)));
        int factCount = random.nextInt(60);
        for (int i = 0; i < factCount; i++) {
            String contact = "c" + random.nextInt(count);
            // days on a coarse grid so that ties are common
            Instant at = NOW.minus(Duration.ofDays(random.nextInt(12) * 40L)).minusSeconds(random.nextInt(2) * 3600L);
            switch (random.nextInt(4)) {
                case 0 -> facts.add(new Fact(true, contact, "WON", BigDecimal.valueOf(random.nextInt(4) * 50L, 1),
                        CURRENCIES.get(random.nextInt(2)), at.minusSeconds(86_400), at));
                case 1 -> facts.add(new Fact(true, contact, random.nextBoolean() ? "OPEN" : "LOST",
                        BigDecimal.TEN, "EUR", at, null));
                // around the engagement windows' first days and now, an hour either side
                case 2 -> facts.add(new Fact(false, contact, null, null, null, NOW.minus(Duration.ofDays(
                        List.of(0L, 30L, 90L).get(random.nextInt(3)))).plusSeconds((random.nextInt(3) - 1) * 3600L),
                        null));
                default -> facts.add(new Fact(false, contact, null, null, null, at, null));
            }
        }
        String currency = random.nextBoolean() ? null : CURRENCIES.get(random.nextInt(2));
        int churnAfter = 100 + random.nextInt(300);

        List<ParsedEvent> events = CustomerEvents.events("f", facts, random);
        MongoDatabase database = ProjectedBuckets.freshDatabase("customer-buckets");
        try {
            ProjectedBuckets.project(database, CustomerValueProjection.create(database, FoldHarness.history(events),
                    ProjectedBuckets.TIMEOUT), CustomerValueProjection.COLLECTION, events, random, seed);
            Tallies tallies = new SegmentRepository(database).tallies(NOW)
                    .block(ProjectedBuckets.TIMEOUT);
            Segmentation segmentation = Segmentation.of(rows, tallies, NOW, currency, churnAfter);

            Map<String, Expected> actual = new TreeMap<>();
            segmentation.contacts().forEach(c -> actual.put(c.contact().id(), new Expected(c.lifecycle().id(),
                    c.rfm() == null ? null
                            : c.rfm().r() + "" + c.rfm().f() + c.rfm().m() + " " + c.rfm().segment().id())));
            assertThat(actual).as("seed %s", seed).isEqualTo(bruteForce(rows, facts, currency, churnAfter));
            Map<String, CustomerValue> values = new TreeMap<>();
            segmentation.contacts().forEach(c -> values.put(c.contact().id(), c.value()));
            assertThat(values).as("seed %s", seed).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(values(rows, facts));

            // it stands for every later "now" until it says it would change: the report answers those from it
            Instant until = segmentation.until();
            assertThat(until).as("seed %s", seed).isAfter(NOW);
            for (Instant later : List.of(NOW.plusMillis(random.nextLong(Duration.between(NOW, until).toMillis())),
                    until.minusMillis(1))) {
                Segmentation again = Segmentation.of(rows, new SegmentRepository(database).tallies(later)
                        .block(ProjectedBuckets.TIMEOUT), later, currency, churnAfter);
                assertThat(again.contacts()).as("at %s (seed %s)", later, seed).isEqualTo(segmentation.contacts());
            }
        } finally {
            Mono.from(database.drop()).block(ProjectedBuckets.TIMEOUT);
        }
    }

    /** Each listed contact's value, its merged contacts' facts included, added up fact by fact. */
    private static Map<String, CustomerValue> values(List<ContactRow> rows, List<Fact> facts) {
        Map<String, ContactRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Map<String, CustomerValue> values = new TreeMap<>();
        for (ContactRow row : rows) {
            if (row.mergedInto() != null || row.archived()) {
                continue;
            }
            List<Fact> own = facts.stream().filter(f -> survivor(f.contactId(), byId).equals(row.id())).toList();
            List<Fact> won = own.stream().filter(Fact::won).toList();
            SortedMap<String, BigDecimal> totals = new TreeMap<>();
            SortedMap<String, Integer> counts = new TreeMap<>();
            won.forEach(f -> {
                totals.merge(f.currency(), f.amount(), BigDecimal::add);
                counts.merge(f.currency(), 1, Integer::sum);
            });
            List<Instant> activities = own.stream().filter(f -> !f.deal() && !f.at().isAfter(NOW))
                    .map(Fact::at).toList();
            values.put(row.id(), new CustomerValue(won.size(), totals, counts,
                    won.stream().map(Fact::wonAt).min(Instant::compareTo).orElse(null),
                    won.stream().map(Fact::wonAt).max(Instant::compareTo).orElse(null),
                    (int) own.stream().filter(Fact::open).count(),
                    (int) activities.stream().filter(at -> at.isAfter(NOW.minus(Duration.ofDays(30)))).count(),
                    (int) activities.stream().filter(at -> at.isAfter(NOW.minus(Duration.ofDays(90)))).count()));
        }
        return values;
    }

    private static String survivor(String id, Map<String, ContactRow> byId) {
        String target = id;
        while (byId.get(target).mergedInto() != null) {
            target = byId.get(target).mergedInto();
        }
        return target;
    }

    private static Map<String, Expected> bruteForce(List<ContactRow> rows, List<Fact> facts, String currency,
                                                    int churnAfter) {
        Map<String, ContactRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Map<String, List<Fact>> own = new TreeMap<>();
        for (ContactRow row : rows) {
            if (row.mergedInto() == null && !row.archived()) {
                own.put(row.id(), new ArrayList<>());
            }
        }
        for (Fact fact : facts) {
            String target = fact.contactId();
            while (byId.get(target).mergedInto() != null) {
                target = byId.get(target).mergedInto();
            }
            if (own.containsKey(target)) {
                own.get(target).add(fact);
            }
        }
        String reporting = currency;
        if (reporting == null) {
            long eur = own.values().stream().flatMap(List::stream).filter(f -> f.won() && f.currency().equals("EUR"))
                    .count();
            long usd = own.values().stream().flatMap(List::stream).filter(f -> f.won() && f.currency().equals("USD"))
                    .count();
            reporting = eur == 0 && usd == 0 ? null : eur >= usd ? "EUR" : "USD";
        }
        Map<String, long[]> measures = new TreeMap<>();
        Map<String, BigDecimal> monetary = new TreeMap<>();
        Map<String, String> lifecycle = new TreeMap<>();
        for (Map.Entry<String, List<Fact>> entry : own.entrySet()) {
            List<Fact> won = entry.getValue().stream().filter(Fact::won).toList();
            if (won.isEmpty()) {
                lifecycle.put(entry.getKey(), entry.getValue().stream().anyMatch(Fact::open) ? "prospect" : "lead");
                continue;
            }
            Instant last = won.stream().map(Fact::wonAt).max(Instant::compareTo).orElseThrow();
            long days = (NOW.getEpochSecond() - last.getEpochSecond()) / 86_400;
            lifecycle.put(entry.getKey(), days > churnAfter ? "churned" : "customer");
            measures.put(entry.getKey(), new long[] {days, won.size()});
            String inReporting = reporting;
            monetary.put(entry.getKey(), won.stream().filter(f -> f.currency().equals(inReporting))
                    .map(Fact::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        int n = measures.size();
        Map<String, Expected> expected = new TreeMap<>();
        for (String id : own.keySet()) {
            long[] mine = measures.get(id);
            if (mine == null) {
                expected.put(id, new Expected(lifecycle.get(id), null));
                continue;
            }
            int lessRecent = 0;
            int lessFrequent = 0;
            int lessMonetary = 0;
            for (String other : measures.keySet()) {
                lessRecent += measures.get(other)[0] > mine[0] ? 1 : 0;
                lessFrequent += measures.get(other)[1] < mine[1] ? 1 : 0;
                lessMonetary += monetary.get(other).compareTo(monetary.get(id)) < 0 ? 1 : 0;
            }
            int r = 1 + 5 * lessRecent / n;
            int f = 1 + 5 * lessFrequent / n;
            int m = 1 + 5 * lessMonetary / n;
            expected.put(id, new Expected(lifecycle.get(id), r + "" + f + m + " " + segment(r, f, m)));
        }
        return expected;
    }

    /** The README's table, row by row: the first row that holds. */
    private static String segment(int r, int f, int m) {
        String[][] table = {
                {"champions", "4-5", "4-5", "4-5"}, {"loyal", "3-5", "3-5", "1-5"}, {"new", "5-5", "1-1", "1-5"},
                {"potential-loyalist", "3-5", "1-5", "1-5"}, {"cannot-lose-them", "1-2", "4-5", "4-5"},
                {"at-risk", "1-2", "3-5", "1-5"}, {"hibernating", "2-2", "1-5", "1-5"}, {"lost", "1-1", "1-5", "1-5"}};
        for (String[] row : table) {
            if (in(r, row[1]) && in(f, row[2]) && in(m, row[3])) {
                return row[0];
            }
        }
        throw new IllegalStateException("no segment for " + r + f + m);
    }

    private static boolean in(int score, String range) {
        return score >= range.charAt(0) - '0' && score <= range.charAt(2) - '0';
    }
}
