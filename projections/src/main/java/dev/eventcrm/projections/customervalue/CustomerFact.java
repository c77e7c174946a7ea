package dev.eventcrm.projections.customervalue;

import dev.eventcrm.events.pipeline.StageKind;

import java.time.Instant;

/**
 * One fact about a contact's value or engagement: a deal (its contact, current status and amount, when it was won) or
 * an activity (its contact and business time). Kept per deal and per activity, not per contact: only DealOpened names
 * a deal's contact, and a document per source aggregate gets that aggregate's events alone, so the fold engine's
 * per-aggregate sequence guard makes redelivery harmless without any deal-to-contact look-up. query-service adds
 * the facts up per contact.
 *
 * @param at          a deal's opening, an activity's business time
 * @param amountValue the decimal string of the event (no precision lost); null when the deal has no amount
 * @param wonAt       when the deal moved into its current WON stage; null unless it is won now
 */
public record CustomerFact(
        String id,
        Kind kind,
        String contactId,
        StageKind status,
        String amountValue,
        String amountCurrency,
        Instant at,
        Instant wonAt) {

    public enum Kind { DEAL, ACTIVITY }

    static CustomerFact empty(String id) {
        return new CustomerFact(id, null, null, null, null, null, null, null);
    }

    CustomerFact withStatus(StageKind status, Instant changedAt) {
        return new CustomerFact(id, kind, contactId, status, amountValue, amountCurrency, at,
                status == StageKind.WON ? changedAt : null);
    }

    CustomerFact withAmount(String amountValue, String amountCurrency) {
        return new CustomerFact(id, kind, contactId, status, amountValue, amountCurrency, at, wonAt);
    }
}
