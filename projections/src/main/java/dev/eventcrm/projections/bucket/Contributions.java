package dev.eventcrm.projections.bucket;

import org.bson.Document;

import java.util.Map;

/**
 * What one document contributes to each bucket it counts in, a pure function of its state: bucket id to its share,
 * whose fields are counters ({@link Long}) or sums per key ({@link Document} of decimal strings, e.g. per currency).
 * A bucket missing from the map gets no share of the document. The buckets a document's state contributes to may
 * differ from those of its earlier states (a deal's expected close moves to another month): the share its stored
 * state contributed is recorded with each write and taken out of those buckets ({@link Buckets}).
 */
@FunctionalInterface
public interface Contributions<S> {

    Map<String, Document> of(S state);
}
