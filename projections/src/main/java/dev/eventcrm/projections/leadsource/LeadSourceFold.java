package dev.eventcrm.projections.leadsource;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;
import java.util.Set;

/**
 * The lead sources' fold: one document per contact, deal and source's month of spend, each changed only by its own
 * aggregate's events, so the {@link dev.eventcrm.projections.fold.FoldEngine}'s per-aggregate sequence guard alone
 * makes redelivery and replay count nothing twice.
 */
public final class LeadSourceFold implements Fold<LeadSourceFact> {
    private static final Set<String> AGGREGATES = Set.of(ParsedEvent.CONTACT, ParsedEvent.DEAL,
            ParsedEvent.MARKETING_SPEND);

    @Override
    public List<String> targets(ParsedEvent event) {
        return AGGREGATES.contains(event.aggregateType()) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public LeadSourceFact empty(String documentId) {
        return LeadSourceFact.empty(documentId);
    }

    @Override
    public LeadSourceFact apply(LeadSourceFact fact, ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof ContactCreated created) {
            return LeadSourceFact.contact(fact.id(), created.source(), event.occurredAt());
        }
        if (payload instanceof ContactSourceChanged changed) {
            return fact.withSource(changed.source());
        }
        if (payload instanceof ContactMergedInto merged) {
            return fact.mergedInto(merged.survivorId());
        }
        if (payload instanceof DealOpened opened) {
            return LeadSourceFact.deal(fact.id(), opened.source(), event.occurredAt(), opened.contactId(),
                    value(opened.amount()), currency(opened.amount()));
        }
        if (payload instanceof DealAmountChanged changed) {
            return fact.withAmount(value(changed.amount()), currency(changed.amount()));
        }
        if (payload instanceof DealStageMoved moved) {
            return fact.wonAt(moved.targetKind() == StageKind.WON ? event.occurredAt() : null);
        }
        if (payload instanceof DealReopened) {
            return fact.wonAt(null);
        }
        if (payload instanceof MarketingSpendRecorded spend) {
            return LeadSourceFact.spend(fact.id(), spend.source(), spend.period().toString(), value(spend.amount()),
                    currency(spend.amount()));
        }
        return fact;
    }

    private static String value(Money amount) {
        return amount == null || amount.value() == null ? null : amount.value().toPlainString();
    }

    private static String currency(Money amount) {
        return amount == null ? null : amount.currency();
    }
}
