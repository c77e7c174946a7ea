package dev.eventcrm.projections.fold;

import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.history.EventHistoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to tracked documents so that delivery order and redelivery do not matter: an event at or below the
 * sequence already applied from its aggregate is a no-op; one above the next expected reveals a gap, which is healed
 * from the {@link EventHistory} (never skipped) before the event is applied. Holds no state of its own.
 */
public final class FoldEngine<S> {
    private static final Logger log = LoggerFactory.getLogger(FoldEngine.class);

    private final Fold<S> fold;
    private final EventHistory history;

    public FoldEngine(Fold<S> fold, EventHistory history) {
        this.fold = fold;
        this.history = history;
    }

    public Fold<S> fold() {
        return fold;
    }

    /** The document after {@code event}; the same instance when the event was already applied. */
    public Tracked<S> apply(Tracked<S> document, ParsedEvent event) {
        long last = document.appliedSequence(event.aggregateId());
        if (event.sequence() <= last) {
            return document;
        }
        Tracked<S> current = document;
        if (event.sequence() > last + 1) {
            current = heal(current, event, last + 1);
        }
        return current.advance(fold.apply(current.state(), event), event.aggregateId(), event.sequence());
    }

    /** Applies the aggregate's stored events {@code from .. event.sequence - 1} that concern this document. */
    private Tracked<S> heal(Tracked<S> document, ParsedEvent event, long from) {
        long expected = from;
        Tracked<S> current = document;
        for (ParsedEvent past : history.load(event.aggregateId(), from)) {
            if (past.sequence() >= event.sequence()) {
                break;
            }
            if (past.sequence() != expected || !past.aggregateId().equals(event.aggregateId())) {
                throw new EventHistoryException("history of " + event.aggregateId() + " is not contiguous: expected "
                        + "sequence " + expected + " of that aggregate, got " + past.aggregateId() + "@" + past.sequence());
            }
            // An event of the aggregate that this document shows nothing of still takes its place in the sequence.
            S state = fold.targets(past).contains(document.id()) ? fold.apply(current.state(), past) : current.state();
            current = current.advance(state, past.aggregateId(), past.sequence());
            expected++;
        }
        if (expected < event.sequence()) {
            throw new EventHistoryException("history of " + event.aggregateId() + " lacks sequences " + expected
                    + ".." + (event.sequence() - 1));
        }
        log.info("Healed a gap in {}: applied {} sequences {}..{} from the event history before {}", document.id(),
                event.aggregateId(), from, event.sequence() - 1, event.sequence());
        return current;
    }
}
