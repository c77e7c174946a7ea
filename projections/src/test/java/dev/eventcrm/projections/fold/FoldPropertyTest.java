package dev.eventcrm.projections.fold;

import dev.eventcrm.projections.testing.Deliveries;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.contact.ContactCard;
import dev.eventcrm.projections.contact.ContactCardFold;
import dev.eventcrm.projections.deal.DealBoardFold;
import dev.eventcrm.projections.deal.DealCard;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.ownerAssigned;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folding a random valid history, delivered as Kafka may deliver it (aggregates' streams interleaved at random, events
 * redelivered, some lost and healed from the event history), equals a brute-force recomputation from the raw event
 * list. The generator is seeded by jqwik, so a failure names the seed that reproduces it.
 */
class FoldPropertyTest {
    private static final List<String> STAGES = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST");

    /** A history in commit order, and what the event store holds of it. */
    private record History(List<ParsedEvent> events, InMemoryEventHistory store) {
    }

    @Property(tries = 300)
    void dealBoardFoldEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        History history = history(random);
        Map<String, Tracked<DealCard>> folded = foldAll(new FoldEngine<>(new DealBoardFold(history.store()), history.store()),
                Deliveries.interleaved(history.events(), random, 6));

        Map<String, DealCard> expected = bruteForceDeals(history.events());
        assertThat(folded.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, deal) -> {
            assertThat(folded.get(id).state()).as("deal %s (seed %s)", id, seed).isEqualTo(deal);
            assertThat(folded.get(id).version()).isEqualTo(lastSequence(history.events(), id));
        });
    }

    @Property(tries = 300)
    void contactCardFoldEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        History history = history(random);
        Map<String, Tracked<ContactCard>> folded = foldAll(new FoldEngine<>(new ContactCardFold(), history.store()),
                Deliveries.interleaved(history.events(), random, 6));

        Map<String, ContactCard> expected = bruteForceContacts(history.events());
        assertThat(folded.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, contact) ->
                assertThat(folded.get(id).state()).as("contact %s (seed %s)", id, seed).isEqualTo(contact));
    }

    private static <S> Map<String, Tracked<S>> foldAll(FoldEngine<S> engine, List<ParsedEvent> delivery) {
        Map<String, Tracked<S>> documents = new HashMap<>();
        for (ParsedEvent event : delivery) {
            for (String id : engine.fold().targets(event)) {
                Tracked<S> current = documents.computeIfAbsent(id, key -> Tracked.fresh(key, engine.fold().empty(key)));
                documents.put(id, engine.apply(current, event));
            }
        }
        return documents;
    }

    // ---- generation -------------------------------------------------------------------------------------------

    private static History history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        int contacts = 1 + random.nextInt(3);
        int deals = random.nextInt(4);
        // Few distinct call times, so that equal times (ordered by call id) are exercised.
        List<Instant> callTimes = List.of(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
        for (int c = 0; c < contacts; c++) {
            events.add(contactCreated("c" + c, "Name" + c, T0.plusSeconds(c)));
        }
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, String> stages = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        int steps = random.nextInt(25);
        int calls = 0;
        for (int d = 0; d < deals; d++) {
            String deal = "d" + d;
            events.add(dealOpened(deal, "c" + random.nextInt(contacts), (d + 1) + "00.00", T0.plusSeconds(100 + d)));
            sequences.put(deal, 0);
            stages.put(deal, "NEW");
            owners.put(deal, "owner-1");
        }
        for (int step = 0; step < steps; step++) {
            Instant at = T0.plusSeconds(1_000 + step);
            int kind = random.nextInt(3);
            if (kind == 0 || deals == 0) {
                String deal = deals == 0 || random.nextBoolean() ? null : "d" + random.nextInt(deals);
                events.add(callLogged("call" + calls++, "c" + random.nextInt(contacts), deal,
                        CallOutcome.values()[random.nextInt(CallOutcome.values().length)],
                        callTimes.get(random.nextInt(callTimes.size()))));
                continue;
            }
            String deal = "d" + random.nextInt(deals);
            int sequence = sequences.merge(deal, 1, Integer::sum);
            if (kind == 1) {
                String from = stages.get(deal);
                String to = STAGES.get(random.nextInt(STAGES.size()));
                events.add(stageMoved(deal, sequence, from, to, at));
                stages.put(deal, to);
            } else {
                String to = "owner-" + random.nextInt(4);
                events.add(ownerAssigned(deal, sequence, owners.get(deal), to, at));
                owners.put(deal, to);
            }
        }
        InMemoryEventHistory store = new InMemoryEventHistory();
        events.forEach(store::store);
        return new History(events, store);
    }

    /**
     * The aggregates' streams interleaved at random (each in its own order, as partitions deliver them), with random
     * redeliveries of earlier events and random losses of events that a later event of the same aggregate follows
     * (so the loss shows up as a gap that must be healed).
     */

    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    private static Map<String, DealCard> bruteForceDeals(List<ParsedEvent> events) {
        Set<String> dealIds = new HashSet<>();
        for (ParsedEvent e : events) {
            if (e.isOf(ParsedEvent.DEAL)) {
                dealIds.add(e.aggregateId());
            } else if (e.payload() instanceof CallLogged call && call.dealId() != null) {
                dealIds.add(call.dealId());
            }
        }
        Map<String, DealCard> deals = new HashMap<>();
        for (String id : dealIds) {
            List<ParsedEvent> own = events.stream().filter(e -> e.aggregateId().equals(id))
                    .sorted(Comparator.comparingLong(ParsedEvent::sequence)).toList();
            List<CallLogged> calls = events.stream().map(ParsedEvent::payload)
                    .filter(p -> p instanceof CallLogged call && id.equals(call.dealId()))
                    .map(CallLogged.class::cast).toList();
            DealOpened opened = own.isEmpty() ? null : (DealOpened) own.get(0).payload();
            List<DealCard.StageVisit> visits = new ArrayList<>();
            String owner = opened == null ? null : opened.ownerId();
            if (opened != null) {
                visits.add(new DealCard.StageVisit(opened.stage(), own.get(0).occurredAt(), null));
            }
            for (ParsedEvent e : own) {
                if (e.payload() instanceof DealStageMoved moved) {
                    DealCard.StageVisit previous = visits.remove(visits.size() - 1);
                    visits.add(new DealCard.StageVisit(previous.stage(), previous.enteredAt(), e.occurredAt()));
                    visits.add(new DealCard.StageVisit(moved.to(), e.occurredAt(), null));
                } else if (e.payload() instanceof DealOwnerAssigned assigned) {
                    owner = assigned.newOwnerId();
                }
            }
            CallLogged last = calls.stream().max(Comparator.comparing(CallLogged::occurredAt)
                    .thenComparing(CallLogged::callId)).orElse(null);
            CallTally tally = new CallTally(calls.size(), last == null ? null : last.outcome().name(),
                    last == null ? null : last.occurredAt(), last == null ? null : last.callId());
            String stage = visits.isEmpty() ? null : visits.get(visits.size() - 1).stage();
            // The generated moves are stored as before custom pipelines: the kind is the default pipeline's.
            StageKind status = stage == null ? null : DealStages.DEFAULT_STAGES.stream()
                    .filter(s -> s.id().equals(stage)).findFirst().orElseThrow().kind();
            deals.put(id, new DealCard(id, opened == null ? null : opened.title(),
                    opened == null ? null : opened.contactId(), opened == null ? null : opened.pipelineId(), stage,
                    owner, opened == null ? null : opened.source(),
                    opened == null ? null : opened.amount().value().toPlainString(),
                    opened == null ? null : opened.amount().currency(), null, status, null, null, 0,
                    status == null || status == StageKind.OPEN ? null : visits.get(visits.size() - 1).enteredAt(),
                    visits,
                    own.isEmpty() ? null : own.get(0).occurredAt(),
                    own.isEmpty() ? null : own.get(own.size() - 1).occurredAt(), tally, List.of()));
        }
        return deals;
    }

    private static Map<String, ContactCard> bruteForceContacts(List<ParsedEvent> events) {
        Map<String, ContactCard> contacts = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ParsedEvent e : events) {
            if (e.isOf(ParsedEvent.CONTACT)) {
                ids.add(e.aggregateId());
            } else if (e.payload() instanceof CallLogged call) {
                ids.add(call.contactId());
            }
        }
        for (String id : ids) {
            ParsedEvent created = events.stream().filter(e -> e.aggregateId().equals(id)).findFirst().orElse(null);
            ContactCreated c = created == null ? null : (ContactCreated) created.payload();
            List<CallLogged> calls = events.stream().map(ParsedEvent::payload)
                    .filter(p -> p instanceof CallLogged call && id.equals(call.contactId()))
                    .map(CallLogged.class::cast).toList();
            CallLogged last = calls.stream().max(Comparator.comparing(CallLogged::occurredAt)
                    .thenComparing(CallLogged::callId)).orElse(null);
            String timeZone = c == null ? null : c.timeZone() != null ? c.timeZone() : c.personal().numbers().stream()
                    .map(phone -> PhoneNumbers.timeZone(phone.e164())).flatMap(Optional::stream).findFirst()
                    .orElse(null);
            contacts.put(id, new ContactCard(id, c == null ? null : c.personal().name(),
                    c == null ? List.of() : c.personal().numbers(), c == null ? List.of() : c.personal().emails(),
                    c == null ? null : c.city(), c == null ? null : c.country(), c == null ? null : c.source(),
                    c == null ? null : c.ownerId(), timeZone, c == null ? null : c.timeZone(), false,
                    c == null ? null : c.companyId(), created == null ? null : created.occurredAt(),
                    new CallTally(calls.size(), last == null ? null : last.outcome().name(),
                            last == null ? null : last.occurredAt(), last == null ? null : last.callId()), null));
        }
        return contacts;
    }

    private static long lastSequence(List<ParsedEvent> events, String aggregateId) {
        return events.stream().filter(e -> e.aggregateId().equals(aggregateId))
                .mapToLong(ParsedEvent::sequence).max().orElse(-1);
    }
}
