package dev.eventcrm.query.mongo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.BsonDocument;
import org.bson.Document;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.QueryProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates the read-model indexes once the application is ready, in the background so an unreachable MongoDB does
 * not block startup (health reports it instead), then looks for them every {@code crm.query.index-check-interval}
 * and creates the missing ones again: a projection rebuild replaces its collection with one it built beside it,
 * copying the live collection's indexes just before, so an index created here in between (both happen at the first
 * start) is gone with the replaced collection. Looking first keeps the check to a read; an equivalent index the
 * projections module created under another name or options is left alone.
 */
@Component
class IndexInitializer {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);
    // IndexOptionsConflict, IndexKeySpecsConflict, IndexAlreadyExists
    private static final Set<Integer> CONFLICT_CODES = Set.of(85, 86, 68);

    private final MongoDatabase database;
    private final List<ReadModelIndexes> definitions;
    private final Duration checkInterval;
    private volatile Disposable running;

    IndexInitializer(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database,
                     List<ReadModelIndexes> definitions, QueryProperties properties) {
        this.database = database;
        this.definitions = definitions;
        this.checkInterval = properties.indexCheckInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        Flux<Void> checks = Flux.interval(checkInterval).onBackpressureDrop()
                .concatMap(tick -> createMissing().onErrorResume(error -> {
                    log.warn("Checking the read-model indexes failed, trying again in {}: {}", checkInterval,
                            error.toString());
                    return Mono.empty();
                }));
        running = createMissing()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Creating read-model indexes failed, retrying: {}",
                                signal.failure().toString())))
                .doOnSuccess(done -> log.info("Read-model indexes are in place"))
                .thenMany(checks)
                .subscribe(null, error -> log.error("Giving up creating read-model indexes", error));
    }

    /** Creates the indexes a collection does not have (by their keys). */
    Mono<Void> createMissing() {
        return Flux.fromIterable(definitions)
                .concatMap(definition -> Flux.from(database.getCollection(definition.collection()).listIndexes())
                        .map(index -> keyOf(index.get("key", Document.class).toBsonDocument()))
                        .collect(Collectors.toSet())
                        .flatMapMany(existing -> Flux.fromIterable(definition.indexes())
                                .filter(index -> !existing.contains(keyOf(index.getKeys().toBsonDocument())))
                                .concatMap(index -> create(definition.collection(), index))))
                .then();
    }

    /** An index's keys in order, each with its direction or type; 1 and 1.0 alike. */
    private static List<String> keyOf(BsonDocument keys) {
        return keys.entrySet().stream().map(key -> key.getKey() + ":" + (key.getValue().isNumber()
                ? Double.toString(key.getValue().asNumber().doubleValue()) : key.getValue().toString())).toList();
    }

    private Mono<Void> create(String collection, IndexModel index) {
        return Mono.from(database.getCollection(collection).createIndex(index.getKeys(), index.getOptions()))
                .onErrorResume(MongoCommandException.class, e -> {
                    if (!CONFLICT_CODES.contains(e.getErrorCode())) {
                        return Mono.error(e);
                    }
                    log.info("Index {} on {} already exists in another form, keeping it: {}", index.getKeys(),
                            collection, e.getErrorMessage());
                    return Mono.empty();
                })
                .then();
    }

    @PreDestroy
    void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }
}
