package dev.eventcrm.command.deal;

import dev.eventcrm.events.Money;

import java.time.LocalDate;

/** @param pipelineId the pipeline the deal opens in (its first OPEN stage) */
public record OpenDeal(String dealId, String contactId, String title, Money amount, String ownerId, String source,
                       String pipelineId, LocalDate expectedCloseDate) {
}
