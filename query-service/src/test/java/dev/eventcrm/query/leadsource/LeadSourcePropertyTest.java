package dev.eventcrm.query.leadsource;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import dev.eventcrm.events.pipeline.StageKind;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.leadsource.LeadSourceProjection;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random valid histories (contacts created, moved to another source, merged into another; deals opened with or
 * without a source, won, lost, reopened, corrected, re-priced; spends recorded and replaced over several months) run
 * through the projections' real lead-sources projection on an embedded MongoDB, delivered as Kafka may deliver them
 * (interleaved, redelivered, gaps healed) in random batches: its documents and buckets equal (a) those of a rebuild
 * from the history in order, and the report read from the buckets equals (b) a brute-force report computed straight
 * from the raw event list, day by day, for random zones and ranges.
 */
class LeadSourcePropertyTest {
    private static final Instant T0 = Instant.parse("2030-03-01T00:00:00Z");
    private static final List<String> SOURCES = List.of("web", "ads", "email");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Vladivostok"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"));
    private static final List<Duration> GAPS = List.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(7),
            Duration.ofDays(1), Duration.ofDays(3));
    private static final List<String> AMOUNTS = List.of("100.00", "250.50", "99.99", "1000", "0.005");
    private static final List<String> SPENDS = List.of("3100.00", "0", "155.5", "1000", "0.01");
    private static final List<String> MONTHS = List.of("2030-02", "2030-03", "2030-04", "2030-05");
    private static final Duration TIMEOUT = ProjectedBuckets.TIMEOUT;

    @Property(tries = 200)
    void incrementalEqualsRebuiltEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = history(random);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        MongoDatabase database = ProjectedBuckets.freshDatabase("source-buckets");
        try {
            ProjectedBuckets.project(database, LeadSourceProjection.create(database, FoldHarness.history(events), zone,
                    TIMEOUT), LeadSourceProjection.COLLECTION, events, random, seed);
            LocalDate from = LocalDate.of(2030, 2, 20).plusDays(random.nextInt(40));
            LocalDate to = from.plusDays(1 + random.nextInt(60));
            LeadSourceView report = new LeadSourceRepository(database).read(new LeadSources(from, to, zone))
                    .block(TIMEOUT);
            assertThat(report).as("against brute force (seed %s)", seed).usingRecursiveComparison()
                    .withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
                    .isEqualTo(bruteForce(events, from, to, zone));
        } finally {
            Mono.from(database.drop()).block(TIMEOUT);
        }
    }

    // ---- generation -------------------------------------------------------------------------------------------

    private static List<ParsedEvent> history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, String> contacts = new LinkedHashMap<>();
        Map<String, StageKind> deals = new LinkedHashMap<>();
        Instant at = T0.minus(Duration.ofDays(random.nextInt(20)));
        int steps = 1 + random.nextInt(50);
        for (int step = 0; step < steps; step++) {
            at = at.plus(GAPS.get(random.nextInt(GAPS.size())));
            int choice = step == 0 ? 0 : random.nextInt(7); // one contact at least: some bucket to compare
            if (choice == 0) {
                String id = "c" + step;
                String source = source(random);
                events.add(SourceEvents.contact(id, source, at));
                sequences.put(id, 0);
                contacts.put(id, source);
            } else if (choice == 1 && !contacts.isEmpty()) {
                String id = pick(contacts, random);
                long sequence = sequences.merge(id, 1, Integer::sum);
                String survivor = pick(contacts, random);
                if (random.nextInt(4) == 0 && !survivor.equals(id)) {
                    // a merged duplicate takes no further changes (the command side resolves it to its survivor)
                    events.add(SourceEvents.merged(id, sequence, survivor, at));
                    contacts.remove(id);
                } else {
                    String source = source(random);
                    events.add(SourceEvents.sourceChanged(id, sequence, contacts.get(id), source, at));
                    contacts.put(id, source);
                }
            } else if (choice == 2) {
                String id = "d" + step;
                // now and then a contact the read model never heard of
                String contactId = contacts.isEmpty() || random.nextInt(8) == 0 ? "c-unknown" : pick(contacts, random);
                events.add(SourceEvents.opened(id, contactId, source(random), amount(random),
                        random.nextInt(3) == 0 ? "USD" : "EUR", at));
                sequences.put(id, 0);
                deals.put(id, StageKind.OPEN);
            } else if (choice == 3) {
                String source = SOURCES.get(random.nextInt(SOURCES.size()));
                String month = MONTHS.get(random.nextInt(MONTHS.size()));
                String id = "s-" + source + "-" + month;
                Integer last = sequences.get(id);
                long sequence = last == null ? 0 : last + 1;
                sequences.put(id, (int) sequence);
                events.add(SourceEvents.spend(source, month, sequence, SPENDS.get(random.nextInt(SPENDS.size())),
                        random.nextInt(5) == 0 ? "USD" : "EUR", at));
            } else if (!deals.isEmpty()) {
                String id = pick(deals, random);
                long sequence = sequences.merge(id, 1, Integer::sum);
                StageKind kind = deals.get(id);
                if (random.nextInt(3) == 0) {
                    events.add(SourceEvents.amount(id, sequence, amount(random), random.nextBoolean() ? "USD" : "EUR",
                            at));
                } else if (kind == StageKind.OPEN) {
                    StageKind target = StageKind.values()[random.nextInt(StageKind.values().length)];
                    events.add(SourceEvents.moved(id, sequence, target, at));
                    deals.put(id, target);
                } else if (random.nextBoolean()) {
                    events.add(SourceEvents.reopened(id, sequence, at));
                    deals.put(id, StageKind.OPEN);
                } else {
                    // a correction: straight from WON to LOST or back
                    StageKind other = kind == StageKind.WON ? StageKind.LOST : StageKind.WON;
                    events.add(SourceEvents.moved(id, sequence, other, at));
                    deals.put(id, other);
                }
            }
        }
        return events;
    }

    /** Mostly one of a few, sometimes none. */
    private static String source(Random random) {
        return random.nextInt(5) == 0 ? null : SOURCES.get(random.nextInt(SOURCES.size()));
    }

    private static String amount(Random random) {
        return AMOUNTS.get(random.nextInt(AMOUNTS.size()));
    }

    private static String pick(Map<String, ?> ids, Random random) {
        return new ArrayList<>(ids.keySet()).get(random.nextInt(ids.size()));
    }

    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    private static final class Contact {
        String source;
        Instant created;
        boolean duplicate;
    }

    private static final class Deal {
        String source;
        String contactId;
        Instant opened;
        Instant won;
        Money amount;
    }

    /** One row's counts, plain. */
    private static final class Row {
        long contacts, opened, won;
        Duration cycles = Duration.ZERO;
        final SortedMap<String, BigDecimal> revenue = new TreeMap<>();
        final SortedMap<String, BigDecimal> spend = new TreeMap<>();
    }

    private static LeadSourceView bruteForce(List<ParsedEvent> events, LocalDate from, LocalDate to, ZoneId zone) {
        Map<String, Contact> contacts = new HashMap<>();
        Map<String, Deal> deals = new HashMap<>();
        Map<String, MarketingSpendRecorded> spends = new HashMap<>();
        for (ParsedEvent e : events.stream().sorted(Comparator.comparing(ParsedEvent::aggregateId)
                .thenComparingLong(ParsedEvent::sequence)).toList()) {
            String id = e.aggregateId();
            if (e.payload() instanceof ContactCreated created) {
                Contact contact = new Contact();
                contact.source = created.source();
                contact.created = e.occurredAt();
                contacts.put(id, contact);
            } else if (e.payload() instanceof ContactSourceChanged changed) {
                contacts.get(id).source = changed.source();
            } else if (e.payload() instanceof ContactMergedInto) {
                contacts.get(id).duplicate = true;
            } else if (e.payload() instanceof DealOpened opened) {
                Deal deal = new Deal();
                deal.source = opened.source();
                deal.contactId = opened.contactId();
                deal.opened = e.occurredAt();
                deal.amount = opened.amount();
                deals.put(id, deal);
            } else if (e.payload() instanceof DealAmountChanged changed) {
                deals.get(id).amount = changed.amount();
            } else if (e.payload() instanceof DealStageMoved moved) {
                deals.get(id).won = moved.kind() == StageKind.WON ? e.occurredAt() : null;
            } else if (e.payload() instanceof DealReopened) {
                deals.get(id).won = null;
            } else if (e.payload() instanceof MarketingSpendRecorded spend) {
                spends.put(id, spend);
            }
        }
        SortedMap<String, Row> rows = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        contacts.values().stream().filter(c -> !c.duplicate && within(c.created, from, to, zone))
                .forEach(c -> rows.computeIfAbsent(c.source, s -> new Row()).contacts++);
        for (Deal deal : deals.values()) {
            if (!within(deal.opened, from, to, zone)) {
                continue;
            }
            Contact contact = contacts.get(deal.contactId);
            Row row = rows.computeIfAbsent(deal.source != null ? deal.source : contact == null ? null : contact.source,
                    s -> new Row());
            row.opened++;
            if (deal.won != null) {
                row.won++;
                row.cycles = row.cycles.plus(Duration.between(deal.opened, deal.won));
                row.revenue.merge(deal.amount.currency(), deal.amount.value(), BigDecimal::add);
            }
        }
        for (MarketingSpendRecorded spend : spends.values()) {
            long days = from.datesUntil(to).filter(day -> YearMonth.from(day).equals(spend.period())).count();
            if (days > 0) {
                BigDecimal value = spend.amount().value();
                rows.computeIfAbsent(spend.source(), s -> new Row()).spend.merge(spend.amount().currency(),
                        value.multiply(BigDecimal.valueOf(days)).divide(
                                BigDecimal.valueOf(spend.period().lengthOfMonth()), value.scale(),
                                RoundingMode.HALF_UP), BigDecimal::add);
            }
        }
        List<LeadSourceView.SourceRow> view = new ArrayList<>();
        rows.forEach((source, r) -> view.add(new LeadSourceView.SourceRow(source, r.contacts, r.opened, r.won,
                r.opened == 0 ? null : BigDecimal.valueOf(r.won).divide(BigDecimal.valueOf(r.opened), 4,
                        RoundingMode.HALF_UP), strings(r.revenue),
                r.won == 0 ? null : BigDecimal.valueOf(r.cycles.toMillis()).divide(
                        BigDecimal.valueOf(r.won * Duration.ofDays(1).toMillis()), 2, RoundingMode.HALF_UP),
                strings(r.spend), per(r.spend, r.contacts), per(r.spend, r.won), roi(r))));
        return new LeadSourceView(from.toString(), to.toString(), zone.getId(), view);
    }

    private static boolean within(Instant at, LocalDate from, LocalDate to, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return !day.isBefore(from) && day.isBefore(to);
    }

    private static SortedMap<String, String> per(SortedMap<String, BigDecimal> spend, long units) {
        if (units == 0) {
            return null;
        }
        SortedMap<String, String> view = new TreeMap<>();
        spend.forEach((currency, sum) -> view.put(currency, sum.divide(BigDecimal.valueOf(units), sum.scale(),
                RoundingMode.HALF_UP).toPlainString()));
        return view;
    }

    /** Only for a positive spend in one currency with no revenue in another. */
    private static BigDecimal roi(Row r) {
        if (r.spend.size() != 1) {
            return null;
        }
        String currency = r.spend.firstKey();
        BigDecimal cost = r.spend.get(currency);
        boolean otherRevenue = r.revenue.keySet().stream().anyMatch(c -> !c.equals(currency));
        return cost.signum() <= 0 || otherRevenue ? null
                : r.revenue.getOrDefault(currency, BigDecimal.ZERO).subtract(cost).divide(cost, 4,
                RoundingMode.HALF_UP);
    }

    private static SortedMap<String, String> strings(SortedMap<String, BigDecimal> sums) {
        SortedMap<String, String> view = new TreeMap<>();
        sums.forEach((currency, sum) -> view.put(currency, sum.toPlainString()));
        return view;
    }
}
