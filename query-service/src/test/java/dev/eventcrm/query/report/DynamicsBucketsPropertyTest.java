package dev.eventcrm.query.report;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bson.Document;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.eventcrm.query.funnel.FunnelEvents.event;
import static dev.eventcrm.query.funnel.FunnelEvents.moved;
import static dev.eventcrm.query.funnel.FunnelEvents.opened;
import static dev.eventcrm.query.funnel.FunnelEvents.reopened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random deal histories (moves forward and backward, wins, losses, reopens, amount and owner changes) run through the
 * projections' real deal-facts projection on an embedded MongoDB, delivered as Kafka may deliver them (interleaved,
 * redelivered, gaps healed) in random batches. The dynamics read from its day buckets equal the dynamics added up
 * fact by fact ({@link FactDynamics}, the definitions' reference) over the same collection, for random windows,
 * granularities and zones; and the buckets equal those of a rebuild from scratch.
 */
class DynamicsBucketsPropertyTest {
    private static final Duration TIMEOUT = ProjectedBuckets.TIMEOUT;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Vladivostok"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Pacific/Chatham"));
    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> OPEN = stages(StageKind.OPEN);

    @Property(tries = 100)
    void bucketsAnswerAsTheFactsDoAndAsARebuild(@ForAll long seed) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        List<ParsedEvent> events = histories(random);
        MongoDatabase database = ProjectedBuckets.freshDatabase("dynamics-buckets");
        List<Document> facts = ProjectedBuckets.project(database, DealFactsProjection.create(database,
                FoldHarness.history(events), zone, TIMEOUT), DealFactsProjection.COLLECTION, events, random, seed);
        ReportRepository repository = new ReportRepository(database);
        for (int window = 0; window < 3; window++) {
            Granularity granularity = Granularity.values()[random.nextInt(3)];
            LocalDate from = LocalDate.of(2026, 2, 25).plusDays(random.nextInt(60));
            LocalDate to = from.plusDays(1 + random.nextInt(60));
            FactDynamics reference = new FactDynamics(granularity, from, to, zone);
            facts.forEach(reference::add);
            Dynamics dynamics = new Dynamics(granularity, from, to, zone);
            DynamicsView fromBuckets = repository.buckets(dynamics.bucketIds()).reduce(dynamics, Dynamics::add)
                    .map(Dynamics::view).block(TIMEOUT);
            assertThat(fromBuckets).as("seed %s, %s %s..%s", seed, granularity, from, to)
                    .isEqualTo(reference.view());
        }
        Mono.from(database.drop()).block(TIMEOUT);
    }

    private static List<ParsedEvent> histories(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        for (int deal = random.nextInt(6); deal >= 0; deal--) {
            String id = "d" + deal;
            Instant at = BASE.plusSeconds(random.nextInt(40 * 86_400));
            String currency = random.nextBoolean() ? "EUR" : "USD";
            events.add(opened(id, "u0", amount(random), currency, at));
            String stage = "NEW";
            int steps = random.nextInt(9);
            for (long sequence = 1; sequence <= steps; sequence++) {
                at = at.plusSeconds(random.nextInt(3 * 86_400));
                int action = random.nextInt(6);
                ParsedEvent next;
                if (action == 0) {
                    currency = random.nextBoolean() ? "EUR" : "USD";
                    next = event(id, sequence, at, new DealAmountChanged(id, null,
                            new Money(new BigDecimal(amount(random)), currency)));
                } else if (action == 1) {
                    next = event(id, sequence, at, new DealOwnerAssigned(id, null, "u" + random.nextInt(3)));
                } else if (DealStages.CLOSED.contains(stage)) {
                    String to = OPEN.get(random.nextInt(OPEN.size()));
                    next = reopened(id, sequence, stage, to, at);
                    stage = to;
                } else {
                    String from = stage;
                    List<String> others = DealStages.DEFAULT.stream().filter(other -> !other.equals(from)).toList();
                    String to = others.get(random.nextInt(others.size()));
                    next = moved(id, sequence, stage, to, "price", at);
                    stage = to;
                }
                events.add(next);
            }
        }
        return events;
    }

    private static String amount(Random random) {
        return BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(3)).toPlainString();
    }

    private static List<String> stages(StageKind kind) {
        return DealStages.DEFAULT_STAGES.stream().filter(stage -> stage.kind() == kind).map(PipelineStage::id)
                .toList();
    }
}
