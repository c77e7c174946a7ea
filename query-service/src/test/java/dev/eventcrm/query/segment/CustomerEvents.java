package dev.eventcrm.query.segment;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.customervalue.CustomerValueProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Contacts' deals and activities as the events the projections' customer-value fold reads. */
final class CustomerEvents {
    private CustomerEvents() {
    }

    /** A deal (its current status, amount and win) or an activity (its business time) of a contact. */
    record Fact(boolean deal, String contactId, String status, BigDecimal amount, String currency, Instant at,
                Instant wonAt) {

        static Fact won(String contactId, String amount, String currency, Instant wonAt) {
            return new Fact(true, contactId, "WON", new BigDecimal(amount), currency, wonAt.minusSeconds(86_400),
                    wonAt);
        }

        static Fact deal(String contactId, String status, Instant at) {
            return new Fact(true, contactId, status, new BigDecimal("50"), "EUR", at, null);
        }

        static Fact activity(String contactId, Instant at) {
            return new Fact(false, contactId, null, null, null, at, null);
        }

        boolean won() {
            return deal && "WON".equals(status);
        }

        boolean open() {
            return deal && "OPEN".equals(status);
        }
    }

    /**
     * Each fact's events, its aggregate {@code prefix} and its index: a deal opened a day before its win (when
     * {@code random} says so, won earlier, reopened and won again), lost or left open; an activity a call at its
     * business time, logged then.
     */
    static List<ParsedEvent> events(String prefix, List<Fact> facts, Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            String id = prefix + i;
            if (!fact.deal()) {
                events.add(event(ParsedEvent.CALL, id, 0, fact.at(), new CallLogged(id, fact.contactId(), null,
                        CallDirection.OUTBOUND, CallOutcome.CONNECTED, 60, null, fact.at())));
                continue;
            }
            Instant opened = fact.won() ? fact.wonAt().minusSeconds(86_400) : fact.at();
            events.add(event(ParsedEvent.DEAL, id, 0, opened, new DealOpened(id, fact.contactId(), "deal",
                    new Money(fact.amount(), fact.currency()), "m", null, "default", "NEW", null)));
            int sequence = 1;
            if (fact.won() && random.nextBoolean()) {
                events.add(event(ParsedEvent.DEAL, id, sequence++, opened.plusSeconds(60), won(id)));
                events.add(event(ParsedEvent.DEAL, id, sequence++, opened.plusSeconds(120),
                        new DealReopened(id, "SIGNED", "NEW", "default")));
            }
            if (fact.won()) {
                events.add(event(ParsedEvent.DEAL, id, sequence, fact.wonAt(), won(id)));
            } else if ("LOST".equals(fact.status())) {
                events.add(event(ParsedEvent.DEAL, id, sequence, fact.at().plusSeconds(60), new DealStageMoved(id,
                        "NEW", "GONE", "default", false, StageKind.LOST, "price", null)));
            }
        }
        return events;
    }

    /** {@code facts} folded by the projections' customer-value into {@code database}'s {@code customer_facts}. */
    static void project(MongoDatabase database, String prefix, List<Fact> facts) {
        List<ParsedEvent> events = events(prefix, facts, new Random(7));
        CustomerValueProjection.create(database, FoldHarness.history(events), ProjectedBuckets.TIMEOUT)
                .applyBatch(events);
    }

    /** What the segments read after {@code facts} were folded, as of {@code now}, in a database of their own. */
    static Tallies tallies(List<Fact> facts, Instant now) {
        MongoDatabase database = ProjectedBuckets.freshDatabase("customer-facts");
        try {
            project(database, "f", facts);
            return new SegmentRepository(database).tallies(now).block(ProjectedBuckets.TIMEOUT);
        } finally {
            Mono.from(database.drop()).block(ProjectedBuckets.TIMEOUT);
        }
    }

    private static DealStageMoved won(String id) {
        return new DealStageMoved(id, "NEW", "SIGNED", "default", false, StageKind.WON, null, null);
    }

    private static ParsedEvent event(String type, String id, long sequence, Instant at, Record payload) {
        return new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), type, id, sequence, at, at,
                Map.of("actorId", "m"), payload, null);
    }
}
