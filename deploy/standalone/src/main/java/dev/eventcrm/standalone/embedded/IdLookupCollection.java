package dev.eventcrm.standalone.embedded;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 collection that answers a filter with a condition on {@code _id} plus other keys from the {@code _id}
 * index. mongo-java-server uses an index only when the filter's keys equal the index's keys exactly, so a
 * compare-and-set filter {@code {_id: x, rev: y}} scanned the whole collection for every operation; MongoDB
 * itself answers it from the {@code _id} index. Here the {@code _id} condition alone ({@code x}, {@code {$eq: x}}
 * or {@code {$in: [...]}}) selects the candidates through the index, and the full filter is then matched against
 * each of them, so the result is the same as the scan's.
 */
final class IdLookupCollection extends H2Collection {

    private static final String ID = "_id";
    private static final String EQ = "$eq";

    private final LongAdder documentsExamined = new LongAdder();
    private final ThreadLocal<Compiled> compiled = new ThreadLocal<>();

    IdLookupCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        if (query != null && query.containsKey(ID)) {
            Document idCondition = new Document(ID, unwrapEquality(query.get(ID)));
            for (Index<Object> index : getIndexes()) {
                if (isIdIndex(index) && index.canHandle(idCondition)) {
                    return matchDocuments(residual(query, idCondition.get(ID)), index.getPositions(idCondition),
                            orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The filter left to match against the index's candidates. For string ids the index's answer to the {@code _id}
     * condition is exact, so it is not matched again: matching {@code {_id: {$in: [n ids]}}} against each of its n
     * candidates compared every candidate with the whole list, n^2 comparisons per batch load (JFR: 23% of the
     * server's samples at 500-id loads).
     */
    private static Document residual(Document query, Object idCondition) {
        if (!stringIds(idCondition)) {
            return query;
        }
        Document rest = new Document(query);
        rest.remove(ID);
        return rest;
    }

    private static boolean stringIds(Object idCondition) {
        if (idCondition instanceof String) {
            return true;
        }
        return idCondition instanceof Document document && document.size() == 1
                && document.get("$in") instanceof Collection<?> ids && !ids.isEmpty()
                && ids.stream().allMatch(String.class::isInstance);
    }

    /** {@code {$eq: v}} is the equality {@code v}, which the index can answer; the index refuses operators. */
    private static Object unwrapEquality(Object condition) {
        if (condition instanceof Document document && document.size() == 1 && document.containsKey(EQ)
                && !(document.get(EQ) instanceof Document)) {
            return document.get(EQ);
        }
        return condition;
    }

    private static boolean isIdIndex(Index<Object> index) {
        List<IndexKey> keys = index.getKeys();
        return index.isUnique() && keys.size() == 1 && ID.equals(keys.get(0).getKey());
    }

    /**
     * No running data size (collStats' {@code size}, which nothing here reads): keeping it encoded every inserted,
     * replaced and removed document to BSON once more, and twice per update (JFR: {@code Utils.calculateSize} under
     * {@code updateDocument}), and wrote the collection's metadata map on every write.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /** mongo-java-server changed {@code newDocument}, the stored instance, in place before calling this. */
    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        BsonDocumentType.INSTANCE.forget(newDocument);
        super.handleUpdate(position, oldDocument, newDocument);
    }

    /**
     * Every document a query matched its filter against, as MongoDB's {@code totalDocsExamined}. A filter with a large
     * {@code $in} of strings on a plain field is matched through a hash set ({@link InSets}).
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        documentsExamined.increment();
        Compiled last = compiled.get();
        if (last == null || last.query() != query) { // a scan matches every document against one filter instance
            last = new Compiled(query, InSets.compile(query, clause -> candidate ->
                    super.documentMatchesQuery(candidate, clause)));
            compiled.set(last);
        }
        return last.predicate().test(document);
    }

    private record Compiled(Document query, Predicate<Document> predicate) {
    }

    /** How many documents queries examined so far: proves in tests that a filter is answered from the index. */
    long documentsExamined() {
        return documentsExamined.sum();
    }
}
