package dev.eventcrm.command.nextstep;

import java.util.Optional;

/**
 * Each deal's current next-step task and whether the deal is open, kept in the event store's database by the Deal's
 * and Task's handlers and the next-step automation, in the transaction of their events ({@code deal_next_step}).
 * The deal's row doubles as its next-step lock: {@link #lock} holds it until the transaction ends, so that two
 * next-step creations for one deal, or one and the deal's closing, run one after the other on any instance (the
 * aggregates' own locks cannot do that: each task is an aggregate of its own).
 */
public interface NextSteps {

    /**
     * @param dealOpen the deal is in an OPEN stage
     * @param taskId   its open next-step task; null when it has none (closed, or not yet backfilled)
     */
    record Slot(String dealId, boolean dealOpen, String taskId) {
    }

    /** A new deal: open, without a next step until automation creates its default one in the same transaction. */
    void opened(String dealId);

    /** The deal closed (WON or LOST) or reopened; records a deal opened before next steps were kept too. */
    void dealOpen(String dealId, boolean open);

    /**
     * The deal's slot, locked until the transaction ends.
     *
     * @return empty for a deal opened before next steps were kept that no command or backfill has recorded yet
     */
    Optional<Slot> lock(String dealId);

    /** The deal's slot as committed (or as this transaction wrote it), without locking. */
    Optional<Slot> find(String dealId);

    /** @param taskId the deal's new current next step; null: none */
    void current(String dealId, String taskId);
}
