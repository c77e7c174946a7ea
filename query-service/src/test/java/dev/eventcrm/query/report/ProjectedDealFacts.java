package dev.eventcrm.query.report;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The real deal-facts projection run as the bucket property tests need it. */
final class ProjectedDealFacts {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String LIVE = "deal_facts";
    private static final String REBUILT = "deal_facts_rebuilt";

    private ProjectedDealFacts() {
    }

    /**
     * Projects {@code events} as Kafka would deliver them, in random batches of 1 to 8, and again as a rebuild into
     * another collection; checks that both hold the same buckets, and answers the live collection's deal facts.
     */
    static List<Document> project(MongoDatabase database, List<ParsedEvent> events, ZoneId zone, Random random,
                                  long seed) {
        Projection live = DealFactsProjection.create(database, FoldHarness.history(events), zone, TIMEOUT);
        List<ParsedEvent> delivery = FoldHarness.delivery(events, random);
        for (int from = 0; from < delivery.size(); ) {
            int to = Math.min(delivery.size(), from + 1 + random.nextInt(8));
            live.applyBatch(delivery.subList(from, to));
            from = to;
        }
        live.into(REBUILT).applyBatch(events);

        assertThat(buckets(database, LIVE)).as("seed %s", seed).isNotEmpty().isEqualTo(buckets(database, REBUILT));
        return Flux.from(database.getCollection(LIVE).find(Filters.ne("kind", "bucket"))).collectList()
                .block(TIMEOUT);
    }

    /** The bucket documents as a report reads them: the writers' bookkeeping left out, empty ones as absent. */
    private static List<Document> buckets(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find(Filters.eq("kind", "bucket"))
                .sort(Sorts.ascending("_id"))).map(bucket -> {
                    bucket.remove("rev"); // the writers' bookkeeping differs between two runs
                    bucket.remove("writers");
                    return bucket;
                }).filter(bucket -> !bucket.get("totals", new Document()).isEmpty())
                .collectList().block(TIMEOUT);
    }
}
