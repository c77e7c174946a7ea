package dev.eventcrm.projections.bucket;

import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A bucket document: {@code kind: "bucket"}; {@code totals}, all a report reads: counters, and sums per key as
 * decimal strings; {@code tally}: the contributor counts behind them ({@code counters}: field -> count; {@code sums}:
 * field -> key -> scale -> count); {@code writers}: per writer, its last change applied
 * and the documents of it applied.
 */
final class BucketCodec implements StateCodec<Bucket> {
    static final String KIND = "bucket";

    @Override
    public Document encode(Bucket bucket) {
        Document totals = new Document();
        Document counted = new Document();
        bucket.counters().forEach((field, counter) -> {
            totals.append(field, counter.total());
            counted.append(field, counter.contributors());
        });
        Document scaled = new Document();
        bucket.sums().forEach((field, perKey) -> {
            Document sums = new Document();
            Document scales = new Document();
            perKey.forEach((key, sum) -> {
                sums.append(key, shown(sum));
                Document counts = new Document();
                sum.scales().forEach((scale, count) -> counts.append(String.valueOf(scale), count));
                scales.append(key, counts);
            });
            totals.append(field, sums);
            scaled.append(field, scales);
        });
        List<Document> writers = new ArrayList<>(bucket.writers().size());
        bucket.writers().forEach((writer, applied) -> writers.add(new Document("writer", writer)
                .append("sequence", applied.sequence()).append("documents", new ArrayList<>(new TreeSet<>(
                        applied.documents())))));
        return new Document("kind", KIND).append("totals", totals)
                .append("tally", new Document("counters", counted).append("sums", scaled))
                .append("writers", writers);
    }

    /** Exact: every current contribution has at most the sum's scale, so their sum has too. */
    private static String shown(Bucket.Sum sum) {
        int scale = sum.scale();
        BigDecimal total = sum.total();
        return (total.stripTrailingZeros().scale() <= scale ? total.setScale(scale, RoundingMode.UNNECESSARY)
                : total).toPlainString();
    }

    @Override
    public Bucket decode(String id, Document document) {
        if (!document.containsKey("tally") && document.containsKey("c")) {
            return earlierKind(document);
        }
        Document totals = document.get("totals", new Document());
        Document tally = document.get("tally", new Document());
        Map<String, Bucket.Counter> counters = new TreeMap<>();
        tally.get("counters", new Document()).forEach((field, count) -> counters.put(field,
                new Bucket.Counter(((Number) totals.get(field)).longValue(), ((Number) count).longValue())));
        Map<String, Map<String, Bucket.Sum>> sums = new TreeMap<>();
        tally.get("sums", new Document()).forEach((field, scales) -> {
            Map<String, Bucket.Sum> perKey = new TreeMap<>();
            Document values = totals.get(field, Document.class);
            ((Document) scales).forEach((key, counts) -> {
                Map<Integer, Long> byScale = new TreeMap<>();
                ((Document) counts).forEach((scale, count) ->
                        byScale.put(Integer.parseInt(scale), ((Number) count).longValue()));
                perKey.put(key, new Bucket.Sum(new BigDecimal(values.getString(key)), byScale));
            });
            sums.put(field, perKey);
        });
        Map<String, Bucket.Applied> writers = new TreeMap<>();
        for (Document writer : document.getList("writers", Document.class, List.of())) {
            writers.put(writer.getString("writer"), new Bucket.Applied(((Number) writer.get("sequence")).longValue(),
                    Set.copyOf(writer.getList("documents", String.class, List.of()))));
        }
        return new Bucket(counters, sums, writers);
    }

    /**
     * A bucket of the earlier kind (deal-facts before version 3) held every document's share ({@code c}: a list of
     * {@code {of, share}}): counted into totals, so that the live collection's buckets stay right while a rebuild
     * after the upgrade runs (the live runner moves them by difference meanwhile).
     */
    private static Bucket earlierKind(Document document) {
        Map<String, Bucket.Move> shares = new TreeMap<>();
        for (Document share : document.getList("c", Document.class, List.of())) {
            shares.put(share.getString("of"), new Bucket.Move(List.of(),
                    List.of(share.get("share", Document.class))));
        }
        Bucket counted = Bucket.EMPTY.changed("", 0, shares);
        return new Bucket(counted.counters(), counted.sums(), Map.of());
    }
}
