package dev.eventcrm.projections.core;

import org.bson.Document;

import java.util.List;

/**
 * Documents a {@link DocumentProjection} derives from its own documents and keeps in the same collection (so a
 * rebuild's fresh collection and its switch-over carry them along), e.g. a report's per-day totals. A document's
 * write records what the derived documents held of it before ({@link #record}); the derived documents are then
 * moved on by the difference, and the record is cleared. {@link DocumentProjection#applyBatch} says why that is
 * crash-safe without a transaction.
 */
public interface Derived<S> {

    /** What the derived documents hold of a document in {@code state}; {@code null}: a document not stored yet. */
    Document record(S state);

    /**
     * Moves each document's part in the derived documents from what its {@code was} record says to what its
     * {@code now} record says. Must be idempotent per {@code change}: a change a derived document already shows
     * changes nothing there, so a change cut short by a crash can be applied again in full.
     */
    void apply(ChangeId change, List<Transition> transitions);

    /** One writer's change, numbered in the order the writer makes them: a derived document keeps the last one. */
    record ChangeId(String writer, long sequence) {
    }

    /**
     * @param was the {@link #record} of the state the derived documents showed
     * @param now the {@link #record} of the document's state now
     */
    record Transition(String id, Document was, Document now) {
    }
}
