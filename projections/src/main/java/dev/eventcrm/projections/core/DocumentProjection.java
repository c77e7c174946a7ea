package dev.eventcrm.projections.core;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;
import dev.eventcrm.projections.fold.FoldEngine;
import dev.eventcrm.projections.fold.MongoStateStore;
import dev.eventcrm.projections.fold.StateCodec;
import dev.eventcrm.projections.fold.Tracked;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A read model of one document per key, folded in memory per batch: the batch's documents are loaded with one query,
 * every event is folded into them, and the changed ones are written with one compare-and-set bulkWrite. Documents
 * another writer changed in between are loaded and folded again (the fold is idempotent), until none is lost.
 * Optionally it keeps {@link Derived} documents in the same collection, written before the documents of each write.
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
    /** Creates the derived documents' writer for a collection; null when there are none. */
    private final Function<MongoCollection<Document>, Derived<S>> deriving;
    private final Derived<S> derived;

    public DocumentProjection(String name, int version, MongoDatabase database, String collection, Fold<S> fold,
                              StateCodec<S> codec, EventHistory history, Duration timeout) {
        this(name, version, database, new FoldEngine<>(fold, history), codec, collection, timeout, null);
    }

    private DocumentProjection(String name, int version, MongoDatabase database, FoldEngine<S> engine,
                               StateCodec<S> codec, String collection, Duration timeout,
                               Function<MongoCollection<Document>, Derived<S>> deriving) {
        this.name = name;
        this.version = version;
        this.database = database;
        this.engine = engine;
        this.codec = codec;
        this.store = new MongoStateStore<>(database.getCollection(collection), codec, timeout);
        this.timeout = timeout;
        this.deriving = deriving;
        this.derived = deriving == null ? null : deriving.apply(database.getCollection(collection));
    }

    /** The same projection also keeping the documents {@code deriving} writes into its collection. */
    public DocumentProjection<S> deriving(Function<MongoCollection<Document>, Derived<S>> deriving) {
        return new DocumentProjection<>(name, version, database, engine, codec, store.collectionName(), timeout,
                deriving);
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
        return new DocumentProjection<>(name, version, database, engine, codec, collection, timeout, deriving);
    }

    /**
     * Derived documents are written before the documents they derive from, which makes the pair crash-safe without
     * a transaction: dying before the derived write leaves nothing written; dying between the two leaves the
     * documents as they were, so the redelivered batch folds the same change from the same stored states again and
     * sets the same shares again (idempotent; a longer redelivery is covered as {@code Derived} implementations
     * require). A document lost to another writer after its derived write is derived again from the state that
     * writer stored, even when the events then change nothing more.
     */
    @Override
    public void applyBatch(List<ParsedEvent> events) {
        Set<String> pending = new LinkedHashSet<>();
        for (ParsedEvent event : events) {
            pending.addAll(engine.fold().targets(event));
        }
        Map<String, S> abandoned = new HashMap<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            pending = write(fold(events, pending), abandoned);
        }
        if (!pending.isEmpty()) {
            throw new ConcurrentModificationException(name + ": documents " + pending
                    + " kept changing under another writer");
        }
    }

    /** The stored documents among a batch's ids, and those the events change, folded from their stored state. */
    private record Folded<S>(Set<String> ids, Map<String, Tracked<S>> loaded, Map<String, Tracked<S>> changed) {
    }

    private Folded<S> fold(List<ParsedEvent> events, Set<String> ids) {
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
        return new Folded<>(ids, loaded, working);
    }

    /**
     * @param abandoned states derived by an earlier attempt of this batch whose document write was lost; updated
     * @return the ids another writer changed first, to fold again
     */
    private Set<String> write(Folded<S> folded, Map<String, S> abandoned) {
        if (derived == null) {
            return new LinkedHashSet<>(store.write(folded.changed().values()));
        }
        derived.write(changes(folded, abandoned));
        Set<String> lost = new LinkedHashSet<>(store.write(folded.changed().values()));
        folded.ids().forEach(abandoned::remove);
        lost.forEach(id -> abandoned.put(id, folded.changed().get(id).state()));
        return lost;
    }

    /** What the derived documents are to show: the changed documents, and the abandoned ones as now stored. */
    private Map<String, Derived.Change<S>> changes(Folded<S> folded, Map<String, S> abandoned) {
        Map<String, Derived.Change<S>> changes = new LinkedHashMap<>();
        for (String id : folded.ids()) {
            Tracked<S> stored = folded.loaded().get(id);
            Tracked<S> now = folded.changed().getOrDefault(id, stored);
            if (now == null || now == stored && !abandoned.containsKey(id)) {
                continue;
            }
            List<S> earlier = new ArrayList<>(2);
            if (stored != null && now != stored) {
                earlier.add(stored.state());
            }
            if (abandoned.containsKey(id)) {
                earlier.add(abandoned.get(id));
            }
            changes.put(id, new Derived.Change<>(earlier, now.state()));
        }
        return changes;
    }

    /** The stored document, for tests and diagnostics. */
    public Map<String, Tracked<S>> load(Set<String> ids) {
        return store.load(ids);
    }
}
