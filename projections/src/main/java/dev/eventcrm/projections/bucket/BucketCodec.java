package dev.eventcrm.projections.bucket;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket document: {@code kind: "bucket"}, the shares in {@code c} (a list of {@code {of, share}}, as document ids
 * need not be valid field names) and their {@code totals}, recomputed from the shares on every write, which is all a
 * report reads: counters added up, sums added up per key exactly (BigDecimal over decimal strings).
 */
final class BucketCodec implements StateCodec<Bucket> {
    static final String KIND = "bucket";

    @Override
    public Document encode(Bucket bucket) {
        List<Document> shares = new ArrayList<>(bucket.shares().size());
        new TreeMap<>(bucket.shares()).forEach((id, share) ->
                shares.add(new Document("of", id).append("share", share)));
        return new Document("kind", KIND).append("c", shares).append("totals", totals(bucket.shares().values()));
    }

    @Override
    public Bucket decode(String id, Document document) {
        Map<String, Document> shares = new LinkedHashMap<>();
        for (Document share : document.getList("c", Document.class, List.of())) {
            shares.put(share.getString("of"), share.get("share", Document.class));
        }
        return new Bucket(shares);
    }

    static Document totals(Iterable<Document> shares) {
        Map<String, Long> counters = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
        for (Document share : shares) {
            share.forEach((field, value) -> {
                if (value instanceof Document perKey) {
                    Map<String, BigDecimal> sum = sums.computeIfAbsent(field, key -> new TreeMap<>());
                    perKey.forEach((key, decimal) -> sum.merge(key, new BigDecimal((String) decimal), BigDecimal::add));
                } else {
                    counters.merge(field, ((Number) value).longValue(), Long::sum);
                }
            });
        }
        Document totals = new Document();
        counters.forEach(totals::append);
        sums.forEach((field, sum) -> {
            Document perKey = new Document();
            sum.forEach((key, decimal) -> perKey.append(key, decimal.toPlainString()));
            totals.append(field, perKey);
        });
        return totals;
    }
}
