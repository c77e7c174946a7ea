package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static dev.eventcrm.query.funnel.FunnelEvents.DEFAULT_STAGES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random valid histories (moves forward and back, re-entries, losses, reopening, owner changes), the report over
 * the incrementally folded facts, delivered as Kafka may deliver them (aggregates interleaved, events redelivered,
 * some lost and healed from the history), equals (a) the report over the facts rebuilt from the history in order
 * and (b) a brute-force report computed straight from the raw event list, in both modes. Seeded by jqwik.
 */
class FunnelPropertyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> STAGES = DealStages.DEFAULT;
    private static final List<String> OPEN = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION");
    private static final List<Duration> GAPS = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(3));
    private static final List<String> REASONS = List.of("price", "competitor", "unspecified");

    @Property(tries = 300)
    void incrementalEqualsRebuiltEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = history(random);
        // now after the last event, or (a clock behind) before it: a stay still going lasts at least 0
        Duration gap = GAPS.get(random.nextInt(GAPS.size()));
        Instant last = events.get(events.size() - 1).occurredAt();
        Instant now = random.nextInt(5) == 0 ? last.minus(gap) : last.plus(gap);

        Map<String, FunnelFacts> incremental = FunnelEvents.folded(FoldHarness.delivery(events, random),
                FunnelEvents.history(events));
        Map<String, FunnelFacts> rebuilt = FunnelEvents.folded(events, FunnelEvents.history(events));
        assertThat(incremental).as("seed %s", seed).isEqualTo(rebuilt);

        for (FunnelMode mode : FunnelMode.values()) {
            FunnelView folded = FunnelCalculator.report("default", mode, "f", "t", DEFAULT_STAGES,
                    FunnelEvents.cohort(incremental), now);
            assertThat(folded).as("%s (seed %s)", mode, seed).isEqualTo(FunnelCalculator.report("default", mode,
                    "f", "t", DEFAULT_STAGES, FunnelEvents.cohort(rebuilt), now));
            assertThat(folded).as("%s against brute force (seed %s)", mode, seed).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(bruteForce(events, mode, now));
        }

        // counted after a prefix of the events, then updated with the deals changed since: as counted afresh
        Map<String, FunnelFacts> before = FunnelEvents.folded(events.subList(0, random.nextInt(events.size() + 1)),
                FunnelEvents.history(events));
        List<FunnelFacts> out = new ArrayList<>();
        List<FunnelFacts> in = new ArrayList<>();
        rebuilt.forEach((id, facts) -> {
            if (!facts.equals(before.get(id))) {
                if (before.containsKey(id)) {
                    out.add(before.get(id));
                }
                in.add(facts);
            }
        });
        FunnelCohort updated = FunnelCohort.of(FunnelCalculator.openStages(DEFAULT_STAGES), FunnelEvents.cohort(before))
                .with(out, in);
        for (FunnelMode mode : FunnelMode.values()) {
            assertThat(updated.report("default", mode, "f", "t", now)).as("%s updated (seed %s)", mode, seed)
                    .isEqualTo(FunnelCalculator.report("default", mode, "f", "t", DEFAULT_STAGES,
                            FunnelEvents.cohort(rebuilt), now));
        }
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** Deals opened in NEW; an open deal moves to any other stage, a closed one is reopened or stays closed. */
    private static List<ParsedEvent> history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        Instant at = T0;
        int deals = 1 + random.nextInt(5);
        Map<String, String> stages = new HashMap<>();
        Map<String, Integer> sequences = new HashMap<>();
        for (int d = 0; d < deals; d++) {
            String deal = "d" + d;
            at = at.plus(GAPS.get(random.nextInt(GAPS.size())));
            String currency = random.nextInt(4) == 0 ? "USD" : "EUR";
            events.add(FunnelEvents.opened(deal, "owner-" + random.nextInt(3),
                    List.of("100.00", "250.50", "99.99", "1000").get(random.nextInt(4)), currency, at));
            stages.put(deal, "NEW");
            sequences.put(deal, 0);
        }
        int steps = random.nextInt(30);
        for (int step = 0; step < steps; step++) {
            at = at.plus(GAPS.get(random.nextInt(GAPS.size())));
            String deal = "d" + random.nextInt(deals);
            String from = stages.get(deal);
            boolean closed = !OPEN.contains(from);
            int choice = random.nextInt(5);
            if (choice == 0) {
                events.add(FunnelEvents.event(deal, sequences.merge(deal, 1, Integer::sum), at,
                        new DealOwnerAssigned(deal, null, "owner-" + random.nextInt(3))));
            } else if (closed) {
                String to = OPEN.get(random.nextInt(OPEN.size()));
                events.add(FunnelEvents.reopened(deal, sequences.merge(deal, 1, Integer::sum), from, to, at));
                stages.put(deal, to);
            } else {
                List<String> targets = new ArrayList<>(STAGES);
                targets.remove(from);
                String to = targets.get(random.nextInt(targets.size()));
                String reason = REASONS.get(random.nextInt(REASONS.size()));
                events.add(FunnelEvents.moved(deal, sequences.merge(deal, 1, Integer::sum), from, to,
                        "unspecified".equals(reason) ? null : reason, at));
                stages.put(deal, to);
            }
        }
        return events;
    }


    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    /** One entry into a stage; a deal's entries in order make its timeline. */
    private record Entry(String stage, StageKind kind, Instant at, String reason) {
    }

    private static FunnelView bruteForce(List<ParsedEvent> events, FunnelMode mode, Instant now) {
        Map<String, List<Entry>> timelines = new TreeMap<>();
        Map<String, DealOpened> openings = new HashMap<>();
        for (ParsedEvent e : events.stream().sorted(Comparator.comparing(ParsedEvent::aggregateId)
                .thenComparingLong(ParsedEvent::sequence)).toList()) {
            List<Entry> timeline = timelines.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>());
            if (e.payload() instanceof DealOpened opened) {
                openings.put(e.aggregateId(), opened);
                timeline.add(new Entry(opened.stage(), StageKind.OPEN, e.occurredAt(), null));
            } else if (e.payload() instanceof DealStageMoved moved) {
                timeline.add(new Entry(moved.to(), moved.kind(), e.occurredAt(),
                        moved.lossReason() == null ? "unspecified" : moved.lossReason()));
            } else if (e.payload() instanceof DealReopened reopened) {
                timeline.add(new Entry(reopened.to(), StageKind.OPEN, e.occurredAt(), null));
            }
        }
        List<FunnelView.StageRow> rows = new ArrayList<>();
        for (int i = 0; i < OPEN.size(); i++) {
            String stage = OPEN.get(i);
            String next = i + 1 < OPEN.size() ? OPEN.get(i + 1) : "WON";
            long reached = timelines.values().stream().filter(t -> reached(t, stage, mode)).count();
            long reachedNext = timelines.values().stream().filter(t -> reached(t, next, mode)).count();
            long lostHere = 0;
            long stillHere = 0;
            SortedMap<String, Long> reasons = new TreeMap<>();
            List<Long> latest = new ArrayList<>();
            List<Long> total = new ArrayList<>();
            for (List<Entry> t : timelines.values()) {
                Entry last = t.get(t.size() - 1);
                if (last.kind() == StageKind.LOST && stage.equals(lastOpenBefore(t))) {
                    lostHere++;
                    reasons.merge(last.reason(), 1L, Long::sum);
                }
                if (last.kind() == StageKind.OPEN && last.stage().equals(stage)) {
                    stillHere++;
                }
                long sum = 0;
                Long latestStay = null;
                for (int k = 0; k < t.size(); k++) {
                    if (t.get(k).stage().equals(stage)) {
                        latestStay = k + 1 < t.size() ? Duration.between(t.get(k).at(), t.get(k + 1).at()).toMillis()
                                : Math.max(0, Duration.between(t.get(k).at(), now).toMillis());
                        sum += latestStay;
                    }
                }
                if (latestStay != null) {
                    latest.add(latestStay);
                    total.add(sum);
                }
            }
            rows.add(new FunnelView.StageRow(stage, reached, ratio(reachedNext, reached), lostHere, reasons,
                    stillHere, new FunnelView.TimeInStage("seconds", latest.size(), spread(latest), spread(total))));
        }
        return new FunnelView("default", mode.value(), "f", "t", rows, totals(timelines, openings));
    }

    private static boolean reached(List<Entry> timeline, String stage, FunnelMode mode) {
        if (stage.equals("WON") || mode == FunnelMode.STRICT) {
            return timeline.stream().anyMatch(entry -> entry.stage().equals(stage));
        }
        // cumulative: some later-or-equal OPEN stage, or a win, was ever reached
        return timeline.stream().anyMatch(entry -> entry.kind() == StageKind.WON
                || OPEN.indexOf(entry.stage()) >= OPEN.indexOf(stage));
    }

    private static String lastOpenBefore(List<Entry> timeline) {
        for (int k = timeline.size() - 1; k >= 0; k--) {
            if (timeline.get(k).kind() == StageKind.OPEN) {
                return timeline.get(k).stage();
            }
        }
        return null;
    }

    private static FunnelView.Totals totals(Map<String, List<Entry>> timelines, Map<String, DealOpened> openings) {
        long won = 0;
        long lost = 0;
        SortedMap<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, Integer> count = new HashMap<>();
        List<Long> cycles = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> deal : timelines.entrySet()) {
            List<Entry> t = deal.getValue();
            Entry last = t.get(t.size() - 1);
            if (last.kind() == StageKind.WON) {
                won++;
                DealOpened opened = openings.get(deal.getKey());
                revenue.merge(opened.amount().currency(), opened.amount().value(), BigDecimal::add);
                count.merge(opened.amount().currency(), 1, Integer::sum);
                cycles.add(Duration.between(t.get(0).at(), last.at()).toMillis());
            } else if (last.kind() == StageKind.LOST) {
                lost++;
            }
        }
        SortedMap<String, String> revenueWon = new TreeMap<>();
        SortedMap<String, String> average = new TreeMap<>();
        revenue.forEach((currency, sum) -> {
            revenueWon.put(currency, sum.toPlainString());
            average.put(currency, sum.divide(BigDecimal.valueOf(count.get(currency)), sum.scale(),
                    RoundingMode.HALF_UP).toPlainString());
        });
        BigDecimal day = BigDecimal.valueOf(86_400_000L);
        BigDecimal avg = cycles.isEmpty() ? null : BigDecimal.valueOf(cycles.stream().mapToLong(Long::longValue).sum())
                .divide(BigDecimal.valueOf(cycles.size()), 10, RoundingMode.HALF_UP)
                .divide(day, 2, RoundingMode.HALF_UP);
        BigDecimal median = cycles.isEmpty() ? null : medianMillis(cycles).divide(day, 2, RoundingMode.HALF_UP);
        return new FunnelView.Totals(timelines.size(), won, lost, timelines.size() - won - lost, ratio(won, won + lost),
                revenueWon, avg, median, average);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : new BigDecimal(part).divide(new BigDecimal(whole), 4, RoundingMode.HALF_UP);
    }

    private static FunnelView.Spread spread(List<Long> millis) {
        if (millis.isEmpty()) {
            return new FunnelView.Spread(null, null);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int rank = new BigDecimal(sorted.size()).multiply(new BigDecimal("0.9")).setScale(0, RoundingMode.CEILING)
                .intValueExact();
        BigDecimal thousand = BigDecimal.valueOf(1000);
        return new FunnelView.Spread(medianMillis(sorted).divide(thousand),
                BigDecimal.valueOf(sorted.get(rank - 1)).divide(thousand));
    }

    private static BigDecimal medianMillis(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? BigDecimal.valueOf(sorted.get(n / 2))
                : new BigDecimal(sorted.get(n / 2 - 1) + sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
