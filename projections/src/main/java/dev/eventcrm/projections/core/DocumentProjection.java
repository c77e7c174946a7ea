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
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read model of one document per key, folded in memory per batch: the batch's documents are loaded with one query,
 * every event is folded into them, and the changed ones are written with one compare-and-set bulkWrite. Documents
 * another writer changed in between are loaded and folded again (the fold is idempotent), until none is lost.
 * Optionally it keeps {@link Derived} documents in the same collection, moved on after each write of the documents.
 */
public final class DocumentProjection<S> implements Projection {
    private static final int MAX_ATTEMPTS = 20;
    private static final String WRITER = "writer";
    private static final String SEQUENCE = "sequence";
    private static final String WAS = "was";

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
    /** This instance's writer id and the number of its last change, for {@link Derived#apply}. */
    private final String writer = UUID.randomUUID().toString();
    private final AtomicLong changes = new AtomicLong();
    /** Set while a change of this writer may be left pending: it is finished before this writer makes another. */
    private volatile boolean unfinished;

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
     * With {@link Derived} documents, each document write whose part in them changes carries a pending record of what
     * the derived documents held of the document before (the {@link Derived#record} of its stored state, and this
     * writer's change id); the derived documents are then moved on by the difference, and the records cleared.
     * Dying after the document write leaves the records, and whoever loads such a document next (or
     * {@link #prepare}, at start) finishes that change for every document it wrote before going on: the derived
     * documents skip a change they already show, so nothing counts twice, and the records say exactly what is left
     * to move. A document lost to another writer was not written, so nothing of it is applied.
     */
    @Override
    public void applyBatch(List<ParsedEvent> events) {
        if (unfinished) {
            prepare();
            unfinished = false;
        }
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

    /** Finishes the changes a writer that died (or this one, before a retry) left pending. */
    @Override
    public void prepare() {
        if (derived != null) {
            finish(store.loadPending(new Document(WRITER, new Document("$exists", true))).pending().values());
        }
    }

    /** The stored documents among a batch's ids, and those the events change, folded from their stored state. */
    private record Folded<S>(Map<String, Tracked<S>> loaded, Map<String, Tracked<S>> changed) {
    }

    private Folded<S> fold(List<ParsedEvent> events, Set<String> ids) {
        MongoStateStore.Loaded<S> stored = store.loadWithPending(ids);
        if (derived != null && !stored.pending().isEmpty()) {
            finish(stored.pending().values());
            stored = store.loadWithPending(ids);
        }
        Map<String, Tracked<S>> loaded = stored.documents();
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
        return new Folded<>(loaded, working);
    }

    /** @return the ids another writer changed first, to fold again */
    private Set<String> write(Folded<S> folded) {
        if (derived == null) {
            return new LinkedHashSet<>(store.write(folded.changed().values()));
        }
        Derived.ChangeId change = new Derived.ChangeId(writer, changes.incrementAndGet());
        Map<String, Document> records = new HashMap<>();
        Map<String, Document> nows = new HashMap<>();
        folded.changed().forEach((id, now) -> {
            Tracked<S> stored = folded.loaded().get(id);
            Document was = derived.record(stored == null ? null : stored.state());
            Document record = derived.record(now.state());
            // A document whose part in the derived documents stays as it was has nothing to move: no record, so a
            // batch that moves no part (a deal moved between open stages, for the sources) costs no more writes.
            if (!was.equals(record)) {
                records.put(id, changeRecord(change).append(WAS, was));
                nows.put(id, record);
            }
        });
        if (records.isEmpty()) {
            return new LinkedHashSet<>(store.write(folded.changed().values()));
        }
        unfinished = true;
        Set<String> lost = new LinkedHashSet<>(store.write(folded.changed().values(), records));
        List<Derived.Transition> written = new ArrayList<>();
        records.forEach((id, record) -> {
            if (!lost.contains(id)) {
                written.add(new Derived.Transition(id, record.get(WAS, Document.class), nows.get(id)));
            }
        });
        derived.apply(change, written);
        store.clearPending(written.stream().map(Derived.Transition::id).toList(), changeRecord(change));
        unfinished = false;
        return lost;
    }

    /** Applies each pending change in full (every document it wrote) and clears its records. */
    private void finish(Collection<Document> records) {
        Set<Derived.ChangeId> left = new LinkedHashSet<>();
        records.forEach(record -> left.add(new Derived.ChangeId(record.getString(WRITER),
                ((Number) record.get(SEQUENCE)).longValue())));
        for (Derived.ChangeId change : left) {
            MongoStateStore.Loaded<S> written = store.loadPending(changeRecord(change));
            List<Derived.Transition> transitions = new ArrayList<>();
            written.pending().forEach((id, record) -> transitions.add(new Derived.Transition(id,
                    record.get(WAS, Document.class), derived.record(written.documents().get(id).state()))));
            derived.apply(change, transitions);
            store.clearPending(written.pending().keySet(), changeRecord(change));
        }
    }

    private static Document changeRecord(Derived.ChangeId change) {
        return new Document(WRITER, change.writer()).append(SEQUENCE, change.sequence());
    }

    /** The stored document, for tests and diagnostics. */
    public Map<String, Tracked<S>> load(Set<String> ids) {
        return store.load(ids);
    }
}
