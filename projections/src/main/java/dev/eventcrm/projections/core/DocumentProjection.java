package dev.eventcrm.projections.core;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;
import dev.eventcrm.projections.fold.FoldEngine;
import dev.eventcrm.projections.fold.MongoStateStore;
import dev.eventcrm.projections.fold.StateCodec;
import dev.eventcrm.projections.fold.Tracked;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read model of one document per key, folded in memory per batch: the batch's documents are loaded with one query,
 * every event is folded into them, and the changed ones are written with one compare-and-set bulkWrite. Documents
 * another writer changed in between are loaded and folded again (the fold is idempotent), until none is lost.
 */
public final class DocumentProjection<S> implements Projection {
    private static final int MAX_ATTEMPTS = 20;

    private final String name;
    private final int version;
    private final MongoDatabase database;
    private final FoldEngine<S> engine;
    private final StateCodec<S> codec;
    private final MongoStateStore<S> store;
    private final Duration timeout;

    public DocumentProjection(String name, int version, MongoDatabase database, String collection, Fold<S> fold,
                              StateCodec<S> codec, EventHistory history, Duration timeout) {
        this(name, version, database, new FoldEngine<>(fold, history), codec, collection, timeout);
    }

    private DocumentProjection(String name, int version, MongoDatabase database, FoldEngine<S> engine,
                               StateCodec<S> codec, String collection, Duration timeout) {
        this.name = name;
        this.version = version;
        this.database = database;
        this.engine = engine;
        this.codec = codec;
        this.store = new MongoStateStore<>(database.getCollection(collection), codec, timeout);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public String collection() {
        return store.collectionName();
    }

    @Override
    public boolean rebuildable() {
        return true;
    }

    @Override
    public Projection into(String collection) {
        return new DocumentProjection<>(name, version, database, engine, codec, collection, timeout);
    }

    @Override
    public void applyBatch(List<ParsedEvent> events) {
        Set<String> pending = new LinkedHashSet<>();
        for (ParsedEvent event : events) {
            pending.addAll(engine.fold().targets(event));
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            pending = write(fold(events, pending));
        }
        if (!pending.isEmpty()) {
            throw new ConcurrentModificationException(name + ": documents " + pending
                    + " kept changing under another writer");
        }
    }

    @Override
    public void forgetCachedDocuments() {
        store.forgetCached();
    }

    /** The documents among {@code ids} that the events change, folded from their stored state. */
    private Map<String, Tracked<S>> fold(List<ParsedEvent> events, Set<String> ids) {
        Map<String, Tracked<S>> loaded = store.load(ids);
        Map<String, Tracked<S>> working = new LinkedHashMap<>(loaded);
        for (ParsedEvent event : events) {
            for (String id : engine.fold().targets(event)) {
                if (ids.contains(id)) {
                    Tracked<S> current = working.computeIfAbsent(id,
                            key -> Tracked.fresh(key, engine.fold().empty(key)));
                    working.put(id, engine.apply(current, event));
                }
            }
        }
        working.entrySet().removeIf(entry -> entry.getValue() == loaded.get(entry.getKey()));
        return working;
    }

    /** @return the ids another writer changed first, to fold again */
    private Set<String> write(Map<String, Tracked<S>> changed) {
        return new LinkedHashSet<>(store.write(changed.values()));
    }

    /** The stored document, for tests and diagnostics. */
    public Map<String, Tracked<S>> load(Set<String> ids) {
        return store.load(ids);
    }
}
