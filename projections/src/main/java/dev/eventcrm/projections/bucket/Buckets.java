package dev.eventcrm.projections.bucket;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.eventcrm.projections.core.Derived;
import dev.eventcrm.projections.fold.MongoStateStore;
import dev.eventcrm.projections.fold.Tracked;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precomputed report buckets derived from a projection's documents, so a report reads a few buckets by id instead
 * of adding up documents at query time. A bucket keeps only totals ({@link Bucket}), moved on by each document's
 * change: taking out the share its previous state contributed and putting in its new one. So a batch costs the
 * buckets it touches, whatever their size (a busy day's bucket used to hold, and be rewritten with, every deal's
 * share). Each bucket keeps the last change of each writer it shows, which makes applying a change again a no-op.
 * Buckets are written like the documents themselves: loaded with one {@code $in}, compared-and-set on their
 * {@code rev}, and loaded again and changed again when another writer changed them first.
 */
public final class Buckets<S> implements Derived<S> {
    private static final int MAX_ATTEMPTS = 20;

    private final MongoStateStore<Bucket> store;
    private final Contributions<S> contributions;

    public Buckets(MongoCollection<Document> collection, Contributions<S> contributions, Duration timeout) {
        this.store = new MongoStateStore<>(collection, new BucketCodec(), timeout);
        this.contributions = contributions;
    }

    /** The document's shares, as {@code {c: [{of: bucket id, share}]}} (bucket ids need not be field names). */
    @Override
    public Document record(S state) {
        List<Document> shares = new ArrayList<>();
        if (state != null) {
            new TreeMap<>(contributions.of(state)).forEach((bucket, share) ->
                    shares.add(new Document("of", bucket).append("share", share)));
        }
        return new Document("c", shares);
    }

    @Override
    public void apply(ChangeId change, List<Transition> transitions) {
        Map<String, Map<String, Bucket.Move>> moves = new TreeMap<>(); // bucket -> document -> its move there
        for (Transition transition : transitions) {
            for (Document share : transition.was().getList("c", Document.class, List.of())) {
                move(moves, share.getString("of"), transition.id()).removed().add(share.get("share", Document.class));
            }
            for (Document share : transition.now().getList("c", Document.class, List.of())) {
                move(moves, share.getString("of"), transition.id()).added().add(share.get("share", Document.class));
            }
        }
        moves.values().forEach(byDocument -> byDocument.values().removeIf(Bucket.Move::cancelsOut));
        moves.values().removeIf(Map::isEmpty);
        Set<String> pending = moves.keySet();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, Tracked<Bucket>> loaded = store.load(pending);
            List<Tracked<Bucket>> changed = new ArrayList<>();
            for (String id : pending) {
                Tracked<Bucket> current = loaded.getOrDefault(id, Tracked.fresh(id, Bucket.EMPTY));
                Bucket next = current.state().changed(change.writer(), change.sequence(), moves.get(id));
                if (next != current.state()) {
                    changed.add(new Tracked<>(id, next, current.applied(), current.revision()));
                }
            }
            pending = store.write(changed);
        }
        if (!pending.isEmpty()) {
            throw new ConcurrentModificationException("buckets " + pending + " kept changing under another writer");
        }
    }

    private static Bucket.Move move(Map<String, Map<String, Bucket.Move>> moves, String bucket, String document) {
        return moves.computeIfAbsent(bucket, id -> new TreeMap<>())
                .computeIfAbsent(document, id -> new Bucket.Move(new ArrayList<>(), new ArrayList<>()));
    }
}
