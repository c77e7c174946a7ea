package dev.eventcrm.query.leadsource;

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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

/** Events of contacts, deals and spends. */
final class SourceEvents {
    private SourceEvents() {
    }

    static ParsedEvent event(String aggregateType, String id, long sequence, Instant at, Record payload) {
        return new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), aggregateType, id, sequence,
                at, at, Map.of("actorId", "anna"), payload, null);
    }

    static ParsedEvent contact(String id, String source, Instant at) {
        return event(ParsedEvent.CONTACT, id, 0, at, new ContactCreated(id, null, "Perm", "RU", source, "anna",
                null));
    }

    static ParsedEvent sourceChanged(String id, long sequence, String from, String to, Instant at) {
        return event(ParsedEvent.CONTACT, id, sequence, at, new ContactSourceChanged(id, from, to));
    }

    static ParsedEvent merged(String id, long sequence, String survivorId, Instant at) {
        return event(ParsedEvent.CONTACT, id, sequence, at, new ContactMergedInto(id, survivorId));
    }

    /** @param source the deal's own; null: none */
    static ParsedEvent opened(String id, String contactId, String source, String amount, String currency,
                              Instant at) {
        return event(ParsedEvent.DEAL, id, 0, at, new DealOpened(id, contactId, "Deal " + id,
                new Money(new BigDecimal(amount), currency), "anna", source, "default", "NEW"));
    }

    static ParsedEvent moved(String id, long sequence, StageKind kind, Instant at) {
        return event(ParsedEvent.DEAL, id, sequence, at, new DealStageMoved(id, "NEW", kind.name(), "default", false,
                kind, null, null));
    }

    static ParsedEvent reopened(String id, long sequence, Instant at) {
        return event(ParsedEvent.DEAL, id, sequence, at, new DealReopened(id, "WON", "NEW", "default"));
    }

    static ParsedEvent amount(String id, long sequence, String amount, String currency, Instant at) {
        return event(ParsedEvent.DEAL, id, sequence, at, new DealAmountChanged(id, null,
                new Money(new BigDecimal(amount), currency)));
    }

    /** The spend aggregate of {@code source}'s {@code month} is named {@code "s-" + source + "-" + month}. */
    static ParsedEvent spend(String source, String month, long sequence, String amount, String currency,
                             Instant at) {
        String id = "s-" + source + "-" + month;
        return event(ParsedEvent.MARKETING_SPEND, id, sequence, at, new MarketingSpendRecorded(id, source,
                YearMonth.parse(month), new Money(new BigDecimal(amount), currency)));
    }
}
