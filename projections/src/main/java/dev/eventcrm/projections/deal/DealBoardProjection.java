package dev.eventcrm.projections.deal;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The deal board: one document per deal in {@code deals}, with its stage history and call counters. */
public final class DealBoardProjection {
    public static final String NAME = "deal-board";
    public static final String COLLECTION = "deals";
    /**
     * 2: documents carry per-aggregate applied sequences and a compare-and-set revision. 3: the same documents,
     * rebuilt once, because the embedded store lost a renamed collection's data across a restart before
     * 2026-11-24 (a rebuild's switch-over renames). 4: custom pipelines: status, loss reason and comment,
     * regressions, closedAt, expectedCloseDate; reopening and changes of title, amount and expected close date.
     * 5: the deal's open next-step tasks ({@code nextSteps}, {@code nextStepTaskId}).
     */
    public static final int VERSION = 5;

    private DealBoardProjection() {
    }

    public static DocumentProjection<DealCard> create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new DealBoardFold(history), new DealCardCodec(),
                history, timeout);
    }
}
