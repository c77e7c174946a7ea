package dev.eventcrm.query.mongo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
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
 * not block startup (health reports it instead). Creating an existing index is a no-op; an equivalent index the
 * projections module created under another name or options is left alone.
 */
@Component
class IndexInitializer {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);
    // IndexOptionsConflict, IndexKeySpecsConflict, IndexAlreadyExists
    private static final Set<Integer> CONFLICT_CODES = Set.of(85, 86, 68);

    private final MongoDatabase database;
    private final List<ReadModelIndexes> definitions;
    private volatile Disposable running;

    IndexInitializer(@Qualifier(QueryMongoConfiguration.DATABASE) MongoDatabase database,
                     List<ReadModelIndexes> definitions) {
        this.database = database;
        this.definitions = definitions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        running = createAll()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Creating read-model indexes failed, retrying: {}",
                                signal.failure().toString())))
                .subscribe(null, error -> log.error("Giving up creating read-model indexes", error),
                        () -> log.info("Read-model indexes are in place"));
    }

    Mono<Void> createAll() {
        return Flux.fromIterable(definitions)
                .concatMap(definition -> Flux.fromIterable(definition.indexes())
                        .concatMap(index -> create(definition.collection(), index)))
                .then();
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
