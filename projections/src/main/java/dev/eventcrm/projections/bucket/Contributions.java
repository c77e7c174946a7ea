package dev.eventcrm.projections.bucket;

import org.bson.Document;

import java.util.Map;

/**
 * What one document contributes to each bucket it counts in, a pure function of its state: bucket id to its share,
 * whose fields are counters ({@link Long}) or sums per key ({@link Document} of decimal strings, e.g. per currency).
 * A bucket missing from the map gets no share of the document.
 *
 * <p>The buckets of a later state of a document must include those of every earlier one (a deal's days only grow:
 * it opens first, moves are appended): a batch redelivered after a crash may be longer than the one that wrote its
 * shares, and only the buckets of the state then folded are revisited.
 */
@FunctionalInterface
public interface Contributions<S> {

    Map<String, Document> of(S state);
}
