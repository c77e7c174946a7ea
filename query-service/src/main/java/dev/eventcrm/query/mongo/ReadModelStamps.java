package dev.eventcrm.query.mongo;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stamp of a projection's documents: its stored positions ({@code projection_offsets}, one per partition) and its
 * catalog entry ({@code projection_catalog}: version, state, rebuild). The projections' runner writes a batch's
 * documents before it moves the positions on, and a rebuild's switch-over is followed by a new catalog entry, so a
 * stamp read before the documents changes whenever documents read after it could differ from those read after an
 * earlier read of the same stamp: what is computed from documents read after a stamp can be kept under that stamp.
 * A stamp changes more often than that (a batch of events the projection ignores moves its positions too).
 */
@Component
public class ReadModelStamps {
    static final String OFFSETS = "projection_offsets";
    static final String CATALOG = "projection_catalog";

    private final MongoCollection<Document> offsets;
    private final MongoCollection<Document> catalog;

    public ReadModelStamps(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database) {
        this.offsets = database.getCollection(OFFSETS);
        this.catalog = database.getCollection(CATALOG);
    }

    /** The projections' stamp now, with one read of positions and one of catalog entries: equal stamps, equal documents. */
    public Mono<String> of(String... projections) {
        List<String> names = List.of(projections);
        Mono<List<Document>> positions = Flux.from(offsets.find(Filters.in("projection", names))
                .sort(Sorts.ascending("_id"))).collectList();
        Mono<List<Document>> entries = Flux.from(catalog.find(Filters.in("_id", names))
                .sort(Sorts.ascending("_id"))).collectList();
        return Mono.zip(positions, entries).map(read -> {
            StringBuilder stamp = new StringBuilder();
            read.getT2().forEach(entry -> stamp.append(entry.toJson()).append('\n'));
            read.getT1().forEach(position -> stamp.append('|').append(position.get("_id"))
                    .append('=').append(position.get("offset")));
            return stamp.toString();
        });
    }
}
