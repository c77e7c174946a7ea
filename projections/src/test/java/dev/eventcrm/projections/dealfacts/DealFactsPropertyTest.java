package dev.eventcrm.projections.dealfacts;

import dev.eventcrm.projections.testing.Deliveries;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.FoldEngine;
import dev.eventcrm.projections.fold.Tracked;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid deal histories (moves forward and backward, wins, losses, reopens, amount, close-date and owner
 * changes), spread over weeks so days and months vary. The reports' numbers computed from the incremental fold's
 * documents, delivered as Kafka may deliver them (streams interleaved, redelivered, gaps healed from the history),
 * equal (a) the same from a rebuild that folds the event list once in order and (b) a brute-force computation
 * straight from the raw event list that shares no code with the fold. Days and months are UTC here; the zone is a
 * query-time parameter, not the projection's.
 */
class DealFactsPropertyTest {
    private static final List<String> STAGES = DealStages.DEFAULT;
    private static final Map<String, Integer> PROBABILITY = new HashMap<>();
    private static final Map<String, StageKind> KIND = new HashMap<>();

    static {
        for (PipelineStage stage : DealStages.DEFAULT_STAGES) {
            PROBABILITY.put(stage.id(), stage.probability());
            KIND.put(stage.id(), stage.kind());
        }
    }

    private static final List<LocalDate> CLOSE_DATES = List.of(LocalDate.parse("2026-03-31"),
            LocalDate.parse("2026-04-15"), LocalDate.parse("2026-05-01"), LocalDate.parse("2026-06-30"));
    private static final List<String> CURRENCIES = List.of("EUR", "USD");

    /**
     * The two reports as plain numbers: the dynamics per UTC day ("opened", "won", "lost", "moves",
     * "revenue:CUR") and the forecast per close month (or "undated") / owner / currency ("open", "weighted") and per
     * won month / owner / currency ("won"). Amounts compared by value (compareTo), as the report prints them.
     */
    record Report(Map<String, Long> dynamicsCounts, Map<String, BigDecimal> amounts) {
    }

    @Property(tries = 300)
    void incrementalEqualsRebuildAndBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = history(random);
        InMemoryEventHistory store = new InMemoryEventHistory();
        events.forEach(store::store);

        Map<String, DealFacts> incremental = foldAll(new FoldEngine<>(new DealFactsFold(), store),
                Deliveries.interleaved(events, random, 4));
        Map<String, DealFacts> rebuilt = foldAll(new FoldEngine<>(new DealFactsFold(), store), events);

        assertThat(incremental).as("seed %s", seed).isEqualTo(rebuilt);
        DealFactsCodec codec = new DealFactsCodec();
        incremental.values().forEach(deal ->
                assertThat(codec.decode(deal.id(), codec.encode(deal))).as("stored form").isEqualTo(deal));
        assertThat(report(incremental.values())).as("seed %s", seed).isEqualTo(bruteForce(events));
    }

    private static Map<String, DealFacts> foldAll(FoldEngine<DealFacts> engine, List<ParsedEvent> delivery) {
        Map<String, Tracked<DealFacts>> documents = new HashMap<>();
        for (ParsedEvent event : delivery) {
            for (String id : engine.fold().targets(event)) {
                Tracked<DealFacts> current = documents.computeIfAbsent(id,
                        key -> Tracked.fresh(key, engine.fold().empty(key)));
                documents.put(id, engine.apply(current, event));
            }
        }
        Map<String, DealFacts> states = new TreeMap<>();
        documents.forEach((id, tracked) -> states.put(id, tracked.state()));
        return states;
    }

    // ---- the reports from the fold's documents ----------------------------------------------------------------

    private static Report report(Iterable<DealFacts> deals) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (DealFacts deal : deals) {
            counts.merge(day(deal.openedAt()) + " opened", 1L, Long::sum);
            deal.moves().forEach(move -> counts.merge(day(move) + " moves", 1L, Long::sum));
            if (deal.lostAt() != null) {
                counts.merge(day(deal.lostAt()) + " lost", 1L, Long::sum);
            }
            if (deal.wonAt() != null) {
                counts.merge(day(deal.wonAt()) + " won", 1L, Long::sum);
            }
            if (deal.amountValue() == null) {
                continue;
            }
            BigDecimal amount = new BigDecimal(deal.amountValue());
            String currency = deal.amountCurrency();
            if (deal.wonAt() != null) {
                add(amounts, day(deal.wonAt()) + " revenue:" + currency, amount);
                add(amounts, month(deal.wonAt()) + " " + deal.wonBy() + " " + currency + " won", amount);
            }
            if (deal.status() == StageKind.OPEN) {
                String bucket = deal.expectedCloseDate() == null ? "undated"
                        : YearMonth.from(deal.expectedCloseDate()).toString();
                add(amounts, bucket + " " + deal.ownerId() + " " + currency + " open", amount);
                add(amounts, bucket + " " + deal.ownerId() + " " + currency + " weighted",
                        amount.multiply(BigDecimal.valueOf(PROBABILITY.get(deal.stage()))).movePointLeft(2));
            }
        }
        return new Report(counts, amounts);
    }

    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    /**
     * Each deal's current values are those of the last event that set them; it is won (or lost) when its last stage
     * change, a move or a reopen, went into a WON (LOST) stage, at that change's time, for the owner of that time.
     */
    private static Report bruteForce(List<ParsedEvent> events) {
        Map<String, List<ParsedEvent>> byDeal = new TreeMap<>();
        events.forEach(e -> byDeal.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>()).add(e));
        Map<String, Long> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (List<ParsedEvent> own : byDeal.values()) {
            own.sort(Comparator.comparingLong(ParsedEvent::sequence));
            DealOpened opened = (DealOpened) own.get(0).payload();
            counts.merge(day(own.get(0).occurredAt()) + " opened", 1L, Long::sum);
            String owner = opened.ownerId();
            Money amount = opened.amount();
            LocalDate closeDate = opened.expectedCloseDate();
            String stage = opened.stage();
            ParsedEvent lastChange = null;
            String ownerAtChange = null;
            for (ParsedEvent e : own) {
                Object payload = e.payload();
                if (payload instanceof DealOwnerAssigned assigned) {
                    owner = assigned.newOwnerId();
                } else if (payload instanceof DealAmountChanged changed) {
                    amount = changed.amount();
                } else if (payload instanceof DealExpectedCloseDateChanged changed) {
                    closeDate = changed.expectedCloseDate();
                } else if (payload instanceof DealStageMoved moved) {
                    stage = moved.to();
                    lastChange = e;
                } else if (payload instanceof DealReopened reopened) {
                    stage = reopened.to();
                    lastChange = e;
                }
                if (lastChange == e) {
                    ownerAtChange = owner;
                    counts.merge(day(e.occurredAt()) + " moves", 1L, Long::sum);
                }
            }
            StageKind kind = KIND.get(stage);
            if (kind == StageKind.LOST) {
                counts.merge(day(lastChange.occurredAt()) + " lost", 1L, Long::sum);
            }
            if (kind == StageKind.WON) {
                counts.merge(day(lastChange.occurredAt()) + " won", 1L, Long::sum);
                add(amounts, day(lastChange.occurredAt()) + " revenue:" + amount.currency(), amount.value());
                add(amounts, month(lastChange.occurredAt()) + " " + ownerAtChange + " " + amount.currency() + " won",
                        amount.value());
            }
            if (kind == StageKind.OPEN) {
                String bucket = closeDate == null ? "undated" : closeDate.toString().substring(0, 7);
                add(amounts, bucket + " " + owner + " " + amount.currency() + " open", amount.value());
                // probability percent: value x p / 100, exact
                add(amounts, bucket + " " + owner + " " + amount.currency() + " weighted",
                        amount.value().multiply(BigDecimal.valueOf(PROBABILITY.get(stage)))
                                .divide(BigDecimal.valueOf(100)));
            }
        }
        return new Report(counts, amounts);
    }

    private static void add(Map<String, BigDecimal> amounts, String key, BigDecimal value) {
        // Normalised so that 10.50 and 10.5 are the same number in the comparison.
        amounts.merge(key, value, BigDecimal::add);
        amounts.computeIfPresent(key, (k, sum) -> sum.stripTrailingZeros());
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** A valid history in commit order: a closed deal is only reopened (or has its owner or amount changed). */
    private static List<ParsedEvent> history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        int deals = 1 + random.nextInt(4);
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, String> stages = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        Map<String, Money> amounts = new HashMap<>();
        Map<String, LocalDate> closeDates = new HashMap<>();
        Instant at = T0;
        for (int d = 0; d < deals; d++) {
            String deal = "d" + d;
            at = at.plusSeconds(random.nextInt(3) * 86_400L + 60);
            Money amount = money(random);
            LocalDate closeDate = random.nextInt(4) == 0 ? null : CLOSE_DATES.get(random.nextInt(CLOSE_DATES.size()));
            events.add(event("Deal", deal, 0, at, new DealOpened(deal, "c1", "Deal " + deal, amount, "owner-1",
                    "web", DealStages.PIPELINE, "NEW", closeDate)));
            sequences.put(deal, 0);
            stages.put(deal, "NEW");
            owners.put(deal, "owner-1");
            amounts.put(deal, amount);
            closeDates.put(deal, closeDate);
        }
        int steps = random.nextInt(30);
        for (int step = 0; step < steps; step++) {
            // From minutes to about a week apart, so events share days, weeks and months, or not.
            at = at.plusSeconds(random.nextInt(3) == 0 ? 600 : random.nextInt(8 * 86_400));
            String deal = "d" + random.nextInt(deals);
            long sequence = sequences.merge(deal, 1, Integer::sum);
            String stage = stages.get(deal);
            boolean closed = KIND.get(stage) != StageKind.OPEN;
            switch (random.nextInt(closed ? 3 : 5)) {
                case 0 -> {
                    if (closed) {
                        String to = STAGES.get(random.nextInt(4));
                        events.add(event("Deal", deal, sequence, at,
                                new DealReopened(deal, stage, to, DealStages.PIPELINE)));
                        stages.put(deal, to);
                    } else {
                        String to = STAGES.get(random.nextInt(STAGES.size()));
                        boolean regression = STAGES.indexOf(to) < STAGES.indexOf(stage);
                        events.add(event("Deal", deal, sequence, at, new DealStageMoved(deal, stage, to,
                                DealStages.PIPELINE, regression, KIND.get(to),
                                KIND.get(to) == StageKind.LOST ? "price" : null, null)));
                        stages.put(deal, to);
                    }
                }
                case 1 -> {
                    String to = "owner-" + random.nextInt(3);
                    events.add(event("Deal", deal, sequence, at, new DealOwnerAssigned(deal, owners.get(deal), to)));
                    owners.put(deal, to);
                }
                case 2 -> {
                    Money amount = money(random);
                    events.add(event("Deal", deal, sequence, at, new DealAmountChanged(deal, amounts.get(deal),
                            amount)));
                    amounts.put(deal, amount);
                }
                default -> {
                    LocalDate date = random.nextInt(4) == 0 ? null
                            : CLOSE_DATES.get(random.nextInt(CLOSE_DATES.size()));
                    events.add(event("Deal", deal, sequence, at,
                            new DealExpectedCloseDateChanged(deal, closeDates.get(deal), date)));
                    closeDates.put(deal, date);
                }
            }
        }
        return events;
    }

    /** Exact amounts with differing scales (100, 99.5, 0.01 ...), in one of two currencies. */
    private static Money money(Random random) {
        BigDecimal value = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(3));
        return new Money(value, CURRENCIES.get(random.nextInt(CURRENCIES.size())));
    }

}
