package dev.eventcrm.projections.customervalue;

import dev.eventcrm.projections.testing.Deliveries;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.activity.NoteAdded;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid histories of deals (wins, losses, reopens, moves back, amount changes) and activities of a few
 * contacts. The per-contact value computed from the incremental fold's documents, delivered as Kafka may deliver them
 * (streams interleaved, redelivered, gaps healed from the history), equals (a) the same from a rebuild that folds the
 * event list once in order and (b) a brute force straight from the raw event list that shares no code with the fold.
 */
class CustomerFactsPropertyTest {
    private static final List<String> STAGES = DealStages.DEFAULT;
    private static final Map<String, StageKind> KIND = new HashMap<>();
    private static final List<String> CURRENCIES = List.of("EUR", "USD");

    static {
        for (PipelineStage stage : DealStages.DEFAULT_STAGES) {
            KIND.put(stage.id(), stage.kind());
        }
    }

    /**
     * One contact's value: won deals, won totals per currency (compared by value), first and last win, open deals,
     * and its activities' times.
     */
    record Value(int won, Map<String, BigDecimal> wonTotals, Instant firstWon, Instant lastWon, int open,
                 List<Instant> activities) {
    }

    @Property(tries = 300)
    void incrementalEqualsRebuildAndBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = history(random);
        InMemoryEventHistory store = new InMemoryEventHistory();
        events.forEach(store::store);

        Map<String, CustomerFact> incremental = foldAll(new FoldEngine<>(new CustomerFactsFold(), store),
                Deliveries.interleaved(events, random, 4));
        Map<String, CustomerFact> rebuilt = foldAll(new FoldEngine<>(new CustomerFactsFold(), store), events);

        assertThat(incremental).as("seed %s", seed).isEqualTo(rebuilt);
        CustomerFactsCodec codec = new CustomerFactsCodec();
        incremental.values().forEach(fact ->
                assertThat(codec.decode(fact.id(), codec.encode(fact))).as("stored form").isEqualTo(fact));
        assertThat(values(incremental.values())).as("seed %s", seed).isEqualTo(bruteForce(events));
    }

    private static Map<String, CustomerFact> foldAll(FoldEngine<CustomerFact> engine, List<ParsedEvent> delivery) {
        Map<String, Tracked<CustomerFact>> documents = new HashMap<>();
        for (ParsedEvent event : delivery) {
            for (String id : engine.fold().targets(event)) {
                Tracked<CustomerFact> current = documents.computeIfAbsent(id,
                        key -> Tracked.fresh(key, engine.fold().empty(key)));
                documents.put(id, engine.apply(current, event));
            }
        }
        Map<String, CustomerFact> states = new TreeMap<>();
        documents.forEach((id, tracked) -> states.put(id, tracked.state()));
        return states;
    }

    // ---- per contact, from the fold's documents ---------------------------------------------------------------

    private static Map<String, Value> values(Iterable<CustomerFact> facts) {
        Map<String, List<CustomerFact>> byContact = new TreeMap<>();
        facts.forEach(fact -> byContact.computeIfAbsent(fact.contactId(), c -> new ArrayList<>()).add(fact));
        Map<String, Value> values = new TreeMap<>();
        byContact.forEach((contact, own) -> {
            int won = 0;
            int open = 0;
            Map<String, BigDecimal> totals = new TreeMap<>();
            TreeSet<Instant> wins = new TreeSet<>();
            List<Instant> activities = new ArrayList<>();
            for (CustomerFact fact : own) {
                if (fact.kind() == CustomerFact.Kind.ACTIVITY) {
                    activities.add(fact.at());
                } else if (fact.status() == StageKind.OPEN) {
                    open++;
                } else if (fact.status() == StageKind.WON) {
                    won++;
                    wins.add(fact.wonAt());
                    add(totals, fact.amountCurrency(), new BigDecimal(fact.amountValue()));
                }
            }
            activities.sort(Comparator.naturalOrder());
            values.put(contact, new Value(won, totals, wins.isEmpty() ? null : wins.first(),
                    wins.isEmpty() ? null : wins.last(), open, activities));
        });
        return values;
    }

    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    /**
     * A deal is won when its last stage change (a move or a reopen) went into a WON stage, at that change's time,
     * with the amount its last amount event set; open when that change (or, without one, the opening) left it in an
     * OPEN stage. Every logged activity counts at its business time (a note's at its event's time).
     */
    private static Map<String, Value> bruteForce(List<ParsedEvent> events) {
        Map<String, List<ParsedEvent>> byAggregate = new TreeMap<>();
        events.forEach(e -> byAggregate.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>()).add(e));
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
        Map<String, List<Instant>> wins = new TreeMap<>();
        Map<String, List<Instant>> activities = new TreeMap<>();
        for (List<ParsedEvent> own : byAggregate.values()) {
            own.sort(Comparator.comparingLong(ParsedEvent::sequence));
            Object first = own.get(0).payload();
            if (!(first instanceof DealOpened opened)) {
                String contact;
                Instant at;
                if (first instanceof CallLogged call) {
                    contact = call.contactId();
                    at = call.occurredAt();
                } else if (first instanceof MeetingLogged meeting) {
                    contact = meeting.contactId();
                    at = meeting.occurredAt();
                } else if (first instanceof EmailLogged email) {
                    contact = email.contactId();
                    at = email.occurredAt();
                } else {
                    contact = ((NoteAdded) first).contactId();
                    at = own.get(0).occurredAt();
                }
                activities.computeIfAbsent(contact, c -> new ArrayList<>()).add(at);
                counts.computeIfAbsent(contact, c -> new int[2]);
                continue;
            }
            String contact = opened.contactId();
            Money amount = opened.amount();
            String stage = opened.stage();
            Instant changedAt = null;
            for (ParsedEvent e : own) {
                if (e.payload() instanceof DealAmountChanged changed) {
                    amount = changed.amount();
                } else if (e.payload() instanceof DealStageMoved moved) {
                    stage = moved.to();
                    changedAt = e.occurredAt();
                } else if (e.payload() instanceof DealReopened reopened) {
                    stage = reopened.to();
                    changedAt = e.occurredAt();
                }
            }
            int[] wonAndOpen = counts.computeIfAbsent(contact, c -> new int[2]);
            if (KIND.get(stage) == StageKind.WON) {
                wonAndOpen[0]++;
                wins.computeIfAbsent(contact, c -> new ArrayList<>()).add(changedAt);
                add(totals.computeIfAbsent(contact, c -> new TreeMap<>()), amount.currency(), amount.value());
            } else if (KIND.get(stage) == StageKind.OPEN) {
                wonAndOpen[1]++;
            }
        }
        Map<String, Value> values = new TreeMap<>();
        counts.forEach((contact, wonAndOpen) -> {
            List<Instant> won = wins.getOrDefault(contact, List.of()).stream().sorted().toList();
            List<Instant> times = activities.getOrDefault(contact, List.of()).stream().sorted().toList();
            values.put(contact, new Value(wonAndOpen[0], totals.getOrDefault(contact, new TreeMap<>()),
                    won.isEmpty() ? null : won.get(0), won.isEmpty() ? null : won.get(won.size() - 1),
                    wonAndOpen[1], new ArrayList<>(times)));
        });
        return values;
    }

    private static void add(Map<String, BigDecimal> amounts, String key, BigDecimal value) {
        // Normalised so that 10.50 and 10.5 are the same number in the comparison.
        amounts.merge(key, value, BigDecimal::add);
        amounts.computeIfPresent(key, (k, sum) -> sum.stripTrailingZeros());
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** A valid history in commit order: a closed deal is only reopened or has its amount changed. */
    private static List<ParsedEvent> history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, String> stages = new HashMap<>();
        Map<String, Money> amounts = new HashMap<>();
        List<String> deals = new ArrayList<>();
        Instant at = T0;
        int steps = 1 + random.nextInt(40);
        for (int step = 0; step < steps; step++) {
            at = at.plusSeconds(random.nextInt(3) == 0 ? 600 : random.nextInt(8 * 86_400));
            String contact = "c" + random.nextInt(4);
            int choice = random.nextInt(10);
            if (deals.isEmpty() || choice < 2) {
                String deal = "d" + deals.size();
                deals.add(deal);
                Money amount = money(random);
                events.add(event("Deal", deal, 0, at, new DealOpened(deal, contact, "Deal " + deal, amount,
                        "owner-1", "web", DealStages.PIPELINE, "NEW", null)));
                sequences.put(deal, 0);
                stages.put(deal, "NEW");
                amounts.put(deal, amount);
            } else if (choice < 4) {
                String id = "a" + step;
                // a late-logged activity: its business time may be days before it was recorded
                Instant occurred = at.minusSeconds(random.nextInt(5 * 86_400));
                int kind = random.nextInt(4);
                events.add(event(List.of("Call", "Meeting", "Email", "Note").get(kind), id, 0, at,
                        activity(kind, id, contact, occurred)));
            } else {
                String deal = deals.get(random.nextInt(deals.size()));
                long sequence = sequences.merge(deal, 1, Integer::sum);
                String stage = stages.get(deal);
                boolean closed = KIND.get(stage) != StageKind.OPEN;
                if (random.nextInt(4) == 0) {
                    Money amount = money(random);
                    events.add(event("Deal", deal, sequence, at,
                            new DealAmountChanged(deal, amounts.get(deal), amount)));
                    amounts.put(deal, amount);
                } else if (closed) {
                    String to = STAGES.get(random.nextInt(4));
                    events.add(event("Deal", deal, sequence, at,
                            new DealReopened(deal, stage, to, DealStages.PIPELINE)));
                    stages.put(deal, to);
                } else {
                    String to = STAGES.get(random.nextInt(STAGES.size()));
                    events.add(event("Deal", deal, sequence, at, new DealStageMoved(deal, stage, to,
                            DealStages.PIPELINE, STAGES.indexOf(to) < STAGES.indexOf(stage), KIND.get(to),
                            KIND.get(to) == StageKind.LOST ? "price" : null, null)));
                    stages.put(deal, to);
                }
            }
        }
        return events;
    }

    private static Record activity(int kind, String id, String contact, Instant occurred) {
        return switch (kind) {
            case 0 -> new CallLogged(id, contact, null, CallDirection.OUTBOUND, CallOutcome.CONNECTED, 60, "n",
                    occurred);
            case 1 -> new MeetingLogged(id, contact, null, occurred, "s", "r");
            case 2 -> new EmailLogged(id, contact, null, EmailDirection.OUTBOUND, "s", occurred);
            default -> new NoteAdded(id, contact, null, "text");
        };
    }

    /** Exact amounts with differing scales (100, 99.5, 0.01 ...), in one of two currencies. */
    private static Money money(Random random) {
        BigDecimal value = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(3));
        return new Money(value, CURRENCIES.get(random.nextInt(CURRENCIES.size())));
    }

}
