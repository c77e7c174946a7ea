package dev.eventcrm.projections.core;

import java.util.List;
import java.util.Map;

/**
 * Documents a {@link DocumentProjection} derives from its own documents and keeps in the same collection (so a
 * rebuild's fresh collection and its switch-over carry them along), e.g. a report's per-day buckets. They are written
 * before the documents they derive from; {@link DocumentProjection#applyBatch} says why that is crash-safe.
 */
public interface Derived<S> {

    /**
     * Brings the derived documents in line with each changed document's state {@code now}, replacing whatever they
     * may still hold of its {@code earlier} states. Must be idempotent: a batch is written again after a crash. That
     * retry may be longer than the batch that died, and the dead batch's state is then not among {@code earlier}: what
     * a later state of a document derives must cover what its earlier states derived.
     */
    void write(Map<String, Change<S>> changes);

    /**
     * @param earlier states of the document whose share the derived documents may hold: the stored one, and one this
     *                batch derived from before another writer changed the document first
     * @param now     the state the derived documents are to show
     */
    record Change<S>(List<S> earlier, S now) {

        public Change {
            earlier = List.copyOf(earlier);
        }
    }
}
