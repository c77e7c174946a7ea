package dev.eventcrm.projections.fold;

import dev.eventcrm.projections.event.ParsedEvent;

import java.util.List;

/**
 * A read model as a pure fold, {@code (state, event) -> state}, free of storage types. The same fold serves the live
 * projection, a rebuild from the event store and, later, "as of a date" queries. It assumes each event is applied
 * once and each aggregate's events in sequence order; {@link FoldEngine} makes that true over an at-least-once,
 * gappy delivery.
 *
 * @param <S> one document's state, an immutable value
 */
public interface Fold<S> {

    /** Ids of the documents the event changes; empty when this read model shows nothing of it. */
    List<String> targets(ParsedEvent event);

    /** The state of a document no event has reached yet. */
    S empty(String documentId);

    S apply(S state, ParsedEvent event);
}
