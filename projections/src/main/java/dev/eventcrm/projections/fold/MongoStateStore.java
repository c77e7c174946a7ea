package dev.eventcrm.projections.fold;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tracked states in one MongoDB collection. A batch is read with one {@code $in} query and written with one unordered
 * bulkWrite whose every operation compares-and-sets: a new document is inserted (a concurrent insert of the same
 * {@code _id} fails on the unique {@code _id} index), a stored one is replaced only if its {@code rev} is still the
 * token that was read, and each write sets a fresh token. So two writers of a document (two instances, or a consumer
 * stalled past a rebalance) can never set it back: the loser learns which documents it lost and folds them again.
 */
public final class MongoStateStore<S> {
    public static final String VERSION = "version";
    public static final String APPLIED = "applied";
    public static final String REVISION = "rev";
    /** A change written to a document whose derived documents may not show it yet ({@code core.Derived}). */
    public static final String PENDING = "pending";
    /** Stands for a stored document without a {@code rev} field (written before revisions existed). */
    private static final Object NO_REVISION_FIELD = new Object();

    private final MongoCollection<Document> collection;
    private final StateCodec<S> codec;
    private final Duration timeout;

    public MongoStateStore(MongoCollection<Document> collection, StateCodec<S> codec, Duration timeout) {
        this.collection = collection;
        this.codec = codec;
        this.timeout = timeout;
    }

    public String collectionName() {
        return collection.getNamespace().getCollectionName();
    }

    /** The stored documents among {@code ids}; absent ones are missing from the map. */
    public Map<String, Tracked<S>> load(Collection<String> ids) {
        return loadWithPending(ids).documents();
    }

    /** Stored documents, and the {@link #PENDING} record of those that carry one. */
    public record Loaded<S>(Map<String, Tracked<S>> documents, Map<String, Document> pending) {
    }

    /** The stored documents among {@code ids}, with their pending records. */
    public Loaded<S> loadWithPending(Collection<String> ids) {
        return ids.isEmpty() ? new Loaded<>(new HashMap<>(), new HashMap<>()) : find(Filters.in("_id", ids));
    }

    /** The stored documents whose pending record matches {@code condition} (on fields of the record). */
    public Loaded<S> loadPending(Document condition) {
        return find(pendingMatching(condition, new Document()));
    }

    /** {@code filter} with {@code condition} on the fields of the pending record added. */
    private static Document pendingMatching(Document condition, Document filter) {
        condition.forEach((field, value) -> filter.append(PENDING + "." + field, value));
        return filter;
    }

    private Loaded<S> find(org.bson.conversions.Bson filter) {
        Map<String, Tracked<S>> loaded = new HashMap<>();
        Map<String, Document> pending = new HashMap<>();
        List<Document> documents = Flux.from(collection.find(filter)).collectList().block(timeout);
        for (Document document : Objects.requireNonNull(documents)) {
            String id = String.valueOf(document.get("_id"));
            loaded.put(id, new Tracked<>(id, codec.decode(id, document), applied(document),
                    document.containsKey(REVISION) ? document.get(REVISION) : NO_REVISION_FIELD));
            Document record = document.get(PENDING, Document.class);
            if (record != null) {
                pending.put(id, record);
            }
        }
        return new Loaded<>(loaded, pending);
    }

    /** Removes the pending record matching {@code condition} from the documents {@code ids}. */
    public void clearPending(Collection<String> ids, Document condition) {
        if (ids.isEmpty()) {
            return;
        }
        Document filter = pendingMatching(condition, new Document("_id", new Document("$in", List.copyOf(ids))));
        Flux.from(collection.updateMany(filter, new Document("$unset", new Document(PENDING, "")))).blockLast(timeout);
    }

    /** Writes the documents; answers the ids whose write lost to another writer (nothing of those was written). */
    public Set<String> write(Collection<Tracked<S>> documents) {
        return write(documents, Map.of());
    }

    /**
     * Writes the documents, each with its record in {@code pending} if it has one, in the same compare-and-set write.
     * Answers the ids whose write lost to another writer (nothing of those was written).
     */
    public Set<String> write(Collection<Tracked<S>> documents, Map<String, Document> pending) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        List<String> ids = new ArrayList<>(documents.size());
        Map<String, ObjectId> tokens = new HashMap<>();
        List<String> replaced = new ArrayList<>();
        for (Tracked<S> document : documents) {
            ObjectId token = new ObjectId();
            Document stored = toDocument(document, token);
            if (pending.containsKey(document.id())) {
                stored.append(PENDING, pending.get(document.id()));
            }
            ids.add(document.id());
            tokens.put(document.id(), token);
            if (document.revision() == null) {
                writes.add(new InsertOneModel<>(stored));
            } else {
                Object expected = document.revision() == NO_REVISION_FIELD ? null : document.revision();
                replaced.add(document.id());
                writes.add(new ReplaceOneModel<>(new Document("_id", document.id()).append(REVISION, expected), stored));
            }
        }
        Set<String> lost = new HashSet<>();
        BulkWriteResult result;
        try {
            result = Flux.from(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false))).blockLast(timeout);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(ids.get(error.getIndex()));
            }
            result = e.getWriteResult();
        }
        // Only the matched count is trusted (mongo-java-server counts a failed insert as inserted).
        if (result.getMatchedCount() < replaced.size()) {
            // A replace whose filter matched nothing: find out which by the tokens now stored.
            List<String> unsure = replaced.stream().filter(id -> !lost.contains(id)).toList();
            List<Document> now = Flux.from(collection.find(Filters.in("_id", unsure))
                    .projection(Projections.include(REVISION))).collectList().block(timeout);
            Map<String, Object> stored = new HashMap<>();
            Objects.requireNonNull(now).forEach(d -> stored.put(String.valueOf(d.get("_id")), d.get(REVISION)));
            for (String id : unsure) {
                if (!tokens.get(id).equals(stored.get(id))) {
                    lost.add(id);
                }
            }
        }
        return lost;
    }

    private Document toDocument(Tracked<S> document, ObjectId token) {
        Document stored = new Document("_id", document.id());
        stored.putAll(codec.encode(document.state()));
        List<Document> applied = new ArrayList<>(document.applied().size());
        // in id order: a document's stored form does not depend on the order its aggregates reached it
        new TreeMap<>(document.applied()).forEach((aggregate, sequence) ->
                applied.add(new Document("aggregateId", aggregate).append("sequence", sequence)));
        return stored.append(VERSION, document.version()).append(APPLIED, applied).append(REVISION, token);
    }

    private static Map<String, Long> applied(Document document) {
        Map<String, Long> applied = new HashMap<>();
        for (Document entry : document.getList(APPLIED, Document.class, List.of())) {
            applied.put(entry.getString("aggregateId"), ((Number) entry.get("sequence")).longValue());
        }
        return applied;
    }
}
