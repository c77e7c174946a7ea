package dev.eventcrm.projections.managerkpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The KPI facts of one call, meeting, e-mail, task or deal, as of its latest event; or, for a "responses" document
 * ({@link Responses}), the openings and activities that decide first responses. A deal's win or loss is its
 * current one: a reopen (or a move back to an OPEN stage) withdraws it, as in the forecast and dynamics, so a deal
 * won, reopened and won again counts once. Revenue is the deal's current amount.
 *
 * @param managerId   who the aggregate's next facts are attributed to: a task's assignee, a deal's owner
 * @param contactId   the contact a call, meeting or e-mail is about, or a deal's (as opened): activities about a
 *                    deal are routed to that contact's responses document by it
 * @param dealId      the deal a call, meeting or e-mail is about; null for a deal's own document
 * @param amountValue the deal's amount as the event's decimal string (no precision lost); null without one
 * @param withdrawn   wins and losses a reopen withdrew: their days keep a (zero) share of the deal, as a redelivered
 *                    batch may revisit only the buckets of the current state
 * @param responses   a responses document's state; {@link Responses#NONE} for the others
 */
public record ManagerKpiFacts(String id, String managerId, String contactId, String dealId, String amountValue,
                              String amountCurrency, List<KpiFact> facts, List<KpiFact> withdrawn,
                              Responses responses) {

    public ManagerKpiFacts {
        facts = List.copyOf(facts);
        withdrawn = List.copyOf(withdrawn);
    }

    static ManagerKpiFacts empty(String id) {
        return new ManagerKpiFacts(id, null, null, null, null, null, List.of(), List.of(), Responses.NONE);
    }

    ManagerKpiFacts with(KpiFact fact) {
        List<KpiFact> all = new ArrayList<>(facts);
        all.add(fact);
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, all, withdrawn,
                responses);
    }

    /** Without its current win or loss: the deal was reopened or moved on. */
    ManagerKpiFacts withoutOutcome() {
        List<KpiFact> kept = new ArrayList<>();
        List<KpiFact> gone = new ArrayList<>(withdrawn);
        facts.forEach(fact -> (isOutcome(fact) ? gone : kept).add(fact));
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, kept, gone,
                responses);
    }

    private static boolean isOutcome(KpiFact fact) {
        return fact.type() == KpiFactType.DEAL_WON || fact.type() == KpiFactType.DEAL_LOST;
    }

    /** What a call, meeting or e-mail is about. */
    ManagerKpiFacts about(String contactId, String dealId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, withdrawn,
                responses);
    }

    ManagerKpiFacts withManager(String managerId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, withdrawn,
                responses);
    }

    ManagerKpiFacts withAmount(String amountValue, String amountCurrency) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, withdrawn,
                responses);
    }

    ManagerKpiFacts withResponses(Responses responses) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, withdrawn,
                responses);
    }
}
