package dev.eventcrm.command.nextstep;

import dev.eventcrm.command.RuleViolation;

import java.util.Map;

/**
 * "Every open deal always has exactly one open next-step task", as the Task's handlers enforce it. Automation keeps
 * the rest of it: a new next step completes the previous one, closing the deal cancels it, and a deal left without
 * one (opened, reopened, changed hands) gets a default one ({@link NextStepAutomation}).
 */
public final class NextStepRule {

    /** Completing or cancelling the next step of an open deal that no newer next step has replaced. */
    public static final String LAST_NEXT_STEP = "last-next-step";
    /** A next step for a won or lost deal. */
    public static final String DEAL_NOT_OPEN = "deal-not-open";
    /** A next step for a deal opened before next steps existed, before the start-up backfill recorded it. */
    public static final String NOT_YET_RECORDED = "next-step-not-yet-recorded";

    private NextStepRule() {
    }

    /**
     * A new next step needs an open deal. Locks the deal's slot until the transaction ends, so that a concurrent next
     * step or closing of the same deal waits for this one and then sees it.
     */
    public static void requireOpenDeal(String dealId, NextSteps nextSteps) {
        if (dealId == null) {
            throw new RuleViolation("next-step-without-deal", "dealId", "a next step is a deal's: give dealId");
        }
        NextSteps.Slot slot = nextSteps.lock(dealId).orElseThrow(() -> new RuleViolation(NOT_YET_RECORDED, null,
                "Deal " + dealId + " was opened before next steps existed and is being given its first one; retry "
                        + "in a moment", Map.of("field", "dealId")));
        if (!slot.dealOpen()) {
            throw new RuleViolation(DEAL_NOT_OPEN, null, "Deal " + dealId + " is won or lost: only an open deal has "
                    + "a next step; reopen it first", Map.of("field", "dealId"));
        }
    }

    /**
     * A manager may not close the next step an open deal depends on: it closes when a new one is created or the
     * deal is won or lost. A superseded next step, or one of a closed deal, may be closed.
     * <p>
     * The read does not lock: a next step stops being the current one only in a transaction that also closes it
     * (superseded or the deal closed), which writes this task's own stream, so a completion racing it loses on the
     * task's sequence. Not locking also keeps the lock order one way (slot, then task), free of deadlocks.
     *
     * @param dealOf the deal the task is the next step of; null when it is no next step
     */
    public static void requireNotLast(String taskId, String dealOf, NextSteps nextSteps) {
        if (dealOf == null) {
            return;
        }
        nextSteps.find(dealOf).filter(slot -> slot.dealOpen() && taskId.equals(slot.taskId())).ifPresent(slot -> {
            throw new RuleViolation(LAST_NEXT_STEP, null, "Task " + taskId + " is the next step of open deal "
                    + dealOf + ": create the deal's next step first (that completes this one), or win or lose the "
                    + "deal", Map.of("dealId", dealOf));
        });
    }
}
