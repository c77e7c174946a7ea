package dev.eventcrm.command.deal;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.Money;

import java.time.LocalDate;

/** @param pipelineId the pipeline the deal opens in (its first OPEN stage) */
public record OpenDeal(String dealId, String contactId, String title, Money amount, String ownerId, String source,
                       String pipelineId, LocalDate expectedCloseDate) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new OpenDeal(dealId, contactId, title, amount, ownerId, source, pipelineId, expectedCloseDate);
    }
}
