package dev.eventcrm.projections.leadsource;

import java.time.Instant;

/**
 * What the lead sources report needs of one contact, deal or month's spend, as of its latest event. Only the fields
 * of its kind are set.
 *
 * @param source      a contact's current source; a deal's own (from its opening; null without one); a spend's
 * @param at          when a contact was created or a deal opened
 * @param contactId   a deal's contact, whose source counts for a deal opened without one
 * @param mergedInto  the survivor a duplicate contact was merged into: a duplicate is not a lead of its own
 * @param wonAt       a deal's current win; null while it is not won (a reopen or another move withdraws a win)
 * @param amountValue a deal's current amount or a month's spend, as the event's decimal string (exact)
 * @param month       a spend's month, {@code YYYY-MM}
 */
public record LeadSourceFact(String id, LeadSourceKind kind, String source, Instant at, String contactId,
                             String mergedInto, Instant wonAt, String amountValue, String amountCurrency,
                             String month) {

    static LeadSourceFact empty(String id) {
        return new LeadSourceFact(id, null, null, null, null, null, null, null, null, null);
    }

    static LeadSourceFact contact(String id, String source, Instant createdAt) {
        return new LeadSourceFact(id, LeadSourceKind.CONTACT, source, createdAt, null, null, null, null, null, null);
    }

    static LeadSourceFact deal(String id, String source, Instant openedAt, String contactId, String amountValue,
                               String amountCurrency) {
        return new LeadSourceFact(id, LeadSourceKind.DEAL, source, openedAt, contactId, null, null, amountValue,
                amountCurrency, null);
    }

    static LeadSourceFact spend(String id, String source, String month, String amountValue, String amountCurrency) {
        return new LeadSourceFact(id, LeadSourceKind.SPEND, source, null, null, null, null, amountValue,
                amountCurrency, month);
    }

    LeadSourceFact withSource(String newSource) {
        return new LeadSourceFact(id, kind, newSource, at, contactId, mergedInto, wonAt, amountValue, amountCurrency,
                month);
    }

    LeadSourceFact mergedInto(String survivorId) {
        return new LeadSourceFact(id, kind, source, at, contactId, survivorId, wonAt, amountValue, amountCurrency,
                month);
    }

    LeadSourceFact wonAt(Instant newWonAt) {
        return new LeadSourceFact(id, kind, source, at, contactId, mergedInto, newWonAt, amountValue, amountCurrency,
                month);
    }

    LeadSourceFact withAmount(String newValue, String newCurrency) {
        return new LeadSourceFact(id, kind, source, at, contactId, mergedInto, wonAt, newValue, newCurrency, month);
    }
}
