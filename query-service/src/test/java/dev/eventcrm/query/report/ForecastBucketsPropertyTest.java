package dev.eventcrm.query.report;

import com.mongodb.reactivestreams.client.MongoDatabase;
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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.eventcrm.query.funnel.FunnelEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random deal histories (moves forward and backward, wins, losses, reopens, moves to another pipeline, amount, owner
 * and close-date changes, owner ids with '.' and '$', deals without an amount) run through the projections' real
 * deal-facts projection on an embedded MongoDB, delivered as Kafka may deliver them (interleaved, redelivered, gaps
 * healed) in random batches. The forecast read from its month buckets equals, to the printed string, the forecast
 * added up fact by fact ({@link FactForecast}, the definitions' reference) over the same collection, for random
 * current months, windows, zones and stage probabilities; and the buckets equal those of a rebuild from scratch.
 */
class ForecastBucketsPropertyTest {
    private static final Duration TIMEOUT = ProjectedBuckets.TIMEOUT;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Vladivostok"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Pacific/Chatham"));
    private static final List<String> PIPELINES = List.of("p", "q.$");
    private static final List<String> OWNERS = List.of("u0", "u.1", "$u2");
    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> OPEN = DealStages.DEFAULT_STAGES.stream()
            .filter(stage -> stage.kind() == StageKind.OPEN).map(PipelineStage::id).toList();
    private static final Map<String, StageKind> KINDS = new HashMap<>();

    static {
        DealStages.DEFAULT_STAGES.forEach(stage -> KINDS.put(stage.id(), stage.kind()));
    }

    @Property(tries = 100)
    void bucketsAnswerAsTheFactsDoAndAsARebuild(@ForAll long seed) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        List<ParsedEvent> events = histories(random);
        MongoDatabase database = ProjectedBuckets.freshDatabase("forecast-buckets");
        List<Document> facts = ProjectedBuckets.project(database, DealFactsProjection.create(database,
                FoldHarness.history(events), zone, TIMEOUT), DealFactsProjection.COLLECTION, events, random, seed);
        ReportRepository repository = new ReportRepository(database);
        for (int window = 0; window < 3; window++) {
            String pipeline = PIPELINES.get(random.nextInt(PIPELINES.size()));
            YearMonth first = YearMonth.of(2026, 1).plusMonths(random.nextInt(8));
            YearMonth last = first.plusMonths(random.nextInt(4));
            Map<String, Integer> probabilities = new HashMap<>();
            OPEN.stream().filter(stage -> random.nextInt(5) > 0)
                    .forEach(stage -> probabilities.put(stage, random.nextInt(101)));
            FactForecast reference = new FactForecast(first, last, zone, probabilities);
            facts.stream().filter(deal -> pipeline.equals(deal.getString("pipelineId"))).forEach(reference::add);
            Forecast forecast = new Forecast(pipeline, first, last, zone, probabilities);
            ForecastView fromBuckets = repository.buckets(forecast.bucketIds()).reduce(forecast, Forecast::add)
                    .map(read -> read.view(pipeline)).block(TIMEOUT);
            assertThat(fromBuckets).as("seed %s, %s %s..%s", seed, pipeline, first, last)
                    .isEqualTo(reference.view(pipeline));
        }
        Mono.from(database.drop()).block(TIMEOUT);
    }

    private static List<ParsedEvent> histories(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        for (int deal = random.nextInt(6); deal >= 0; deal--) {
            String id = "d" + deal;
            Instant at = BASE.plusSeconds(random.nextInt(120 * 86_400));
            String pipeline = PIPELINES.get(random.nextInt(PIPELINES.size()));
            String stage = OPEN.get(random.nextInt(OPEN.size()));
            events.add(event(id, 0, at, new DealOpened(id, "c1", "Deal", money(random), owner(random), "web",
                    pipeline, stage, closeDate(random))));
            int steps = random.nextInt(9);
            for (long sequence = 1; sequence <= steps; sequence++) {
                at = at.plusSeconds(random.nextInt(20 * 86_400));
                int action = random.nextInt(7);
                ParsedEvent next;
                if (action == 0) {
                    next = event(id, sequence, at, new DealAmountChanged(id, null, money(random)));
                } else if (action == 1) {
                    next = event(id, sequence, at, new DealOwnerAssigned(id, null, owner(random)));
                } else if (action == 2) {
                    next = event(id, sequence, at, new DealExpectedCloseDateChanged(id, null, closeDate(random)));
                } else if (KINDS.get(stage) != StageKind.OPEN) {
                    String to = OPEN.get(random.nextInt(OPEN.size()));
                    next = event(id, sequence, at, new DealReopened(id, stage, to, pipeline));
                    stage = to;
                } else {
                    if (random.nextInt(4) == 0) {
                        pipeline = PIPELINES.get(random.nextInt(PIPELINES.size()));
                    }
                    String to = DealStages.DEFAULT.get(random.nextInt(DealStages.DEFAULT.size()));
                    StageKind kind = KINDS.get(to);
                    next = event(id, sequence, at, new DealStageMoved(id, stage, to, pipeline, false, kind,
                            kind == StageKind.LOST ? "price" : null, null));
                    stage = to;
                }
                events.add(next);
            }
        }
        return events;
    }

    /** Null for a deal without an amount, now and then. */
    private static Money money(Random random) {
        return random.nextInt(6) == 0 ? null : new Money(BigDecimal.valueOf(random.nextInt(100_000),
                random.nextInt(3)), random.nextBoolean() ? "EUR" : "USD");
    }

    private static String owner(Random random) {
        return random.nextInt(8) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
    }

    /** Undated, before 2000 (the early bucket), or a day of 2025-11 .. 2026-12. */
    private static LocalDate closeDate(Random random) {
        int pick = random.nextInt(8);
        return pick == 0 ? null : pick == 1 ? LocalDate.of(1998, 5, 1).plusDays(random.nextInt(900))
                : LocalDate.of(2025, 11, 1).plusDays(random.nextInt(425));
    }
}
