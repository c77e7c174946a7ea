package dev.eventcrm.projections.bucket;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.eventcrm.projections.core.Derived;
import dev.eventcrm.projections.fold.MongoStateStore;
import dev.eventcrm.projections.fold.Tracked;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precomputed report buckets derived from a projection's documents: each bucket holds every document's share in it
 * and their totals, so a report reads a few buckets by id instead of adding up documents at query time. Setting a
 * document's share is idempotent, so a batch written twice (redelivery, a retry after a crash) counts nothing twice.
 * Buckets are written like the documents themselves: loaded with one {@code $in}, compared-and-set on their
 * {@code rev}, and loaded again and edited again when another writer changed them first.
 */
public final class Buckets<S> implements Derived<S> {
    private static final int MAX_ATTEMPTS = 20;

    private final MongoStateStore<Bucket> store;
    private final Contributions<S> contributions;

    public Buckets(MongoCollection<Document> collection, Contributions<S> contributions, Duration timeout) {
        this.store = new MongoStateStore<>(collection, new BucketCodec(), timeout);
        this.contributions = contributions;
    }

    @Override
    public void write(Map<String, Change<S>> changes) {
        Map<String, Map<String, Document>> edits = new TreeMap<>();
        changes.forEach((id, change) -> {
            Map<String, Document> now = contributions.of(change.now());
            Set<String> touched = new HashSet<>(now.keySet());
            change.earlier().forEach(earlier -> touched.addAll(contributions.of(earlier).keySet()));
            // A HashMap, as a null share stands for "no longer counts here".
            touched.forEach(bucket -> edits.computeIfAbsent(bucket, key -> new HashMap<>()).put(id, now.get(bucket)));
        });
        Set<String> pending = edits.keySet();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, Tracked<Bucket>> loaded = store.load(pending);
            List<Tracked<Bucket>> changed = new ArrayList<>();
            for (String id : pending) {
                Tracked<Bucket> current = loaded.getOrDefault(id, Tracked.fresh(id, Bucket.EMPTY));
                Bucket next = current.state().with(edits.get(id));
                if (!next.equals(current.state())) {
                    changed.add(new Tracked<>(id, next, current.applied(), current.revision()));
                }
            }
            pending = store.write(changed);
        }
        if (!pending.isEmpty()) {
            throw new ConcurrentModificationException("buckets " + pending + " kept changing under another writer");
        }
    }
}
