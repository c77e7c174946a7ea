package dev.eventcrm.projections.bucket;

import org.bson.Document;

import java.util.Map;
import java.util.TreeMap;

/** One bucket: the share of each document that counts in it, by document id. */
record Bucket(Map<String, Document> shares) {
    static final Bucket EMPTY = new Bucket(Map.of());

    Bucket {
        shares = Map.copyOf(shares);
    }

    /** The bucket with each document's share set (a null share: the document no longer counts in it). */
    Bucket with(Map<String, Document> edits) {
        Map<String, Document> next = new TreeMap<>(shares);
        edits.forEach((id, share) -> {
            if (share == null) {
                next.remove(id);
            } else {
                next.put(id, share);
            }
        });
        return new Bucket(next);
    }
}
