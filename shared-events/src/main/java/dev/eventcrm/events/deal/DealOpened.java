package dev.eventcrm.events.deal;

import dev.eventcrm.events.Money;

import java.time.LocalDate;

/**
 * A deal opened in the first stage of a pipeline.
 *
 * @param expectedCloseDate added with custom pipelines; null when not given (and in earlier events)
 */
public record DealOpened(
        String dealId,
        String contactId,
        String title,
        Money amount,
        String ownerId,
        String source,
        String pipelineId,
        String stage,
        LocalDate expectedCloseDate) {

    /** The deal as the skeleton recorded it, before the expected close date. */
    public DealOpened(String dealId, String contactId, String title, Money amount, String ownerId, String source,
                      String pipelineId, String stage) {
        this(dealId, contactId, title, amount, ownerId, source, pipelineId, stage, null);
    }
}
