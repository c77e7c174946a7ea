package dev.eventcrm.events.deal;

import dev.eventcrm.events.Money;

/** A deal opened in a pipeline's first stage; {@code pipelineId} is "default" until several pipelines exist. */
public record DealOpened(
        String dealId,
        String contactId,
        String title,
        Money amount,
        String ownerId,
        String source,
        String pipelineId,
        String stage) {
}
