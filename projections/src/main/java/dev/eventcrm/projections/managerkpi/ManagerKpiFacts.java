package dev.eventcrm.projections.managerkpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The KPI facts of one call, meeting, e-mail, task or deal, as of its latest event. A deal's win or loss is its
 * current one: a reopen (or a move back to an OPEN stage) withdraws it, as in the forecast and dynamics, so a deal
 * won, reopened and won again counts once. Revenue is the deal's current amount.
 *
 * @param managerId   who the aggregate's next facts are attributed to: a task's assignee, a deal's owner
 * @param contactId   the contact a call, meeting or e-mail is about, or a deal's: first responses are found by it
 * @param dealId      the deal a call, meeting or e-mail is about; null for a deal's own document
 * @param amountValue the deal's amount as the event's decimal string (no precision lost); null without one
 */
public record ManagerKpiFacts(String id, String managerId, String contactId, String dealId, String amountValue,
                              String amountCurrency, List<KpiFact> facts) {

    public ManagerKpiFacts {
        facts = List.copyOf(facts);
    }

    static ManagerKpiFacts empty(String id) {
        return new ManagerKpiFacts(id, null, null, null, null, null, List.of());
    }

    ManagerKpiFacts with(KpiFact fact) {
        List<KpiFact> all = new ArrayList<>(facts);
        all.add(fact);
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, all);
    }

    /** Without its current win or loss: the deal was reopened or moved on. */
    ManagerKpiFacts withoutOutcome() {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts.stream()
                .filter(f -> f.type() != KpiFactType.DEAL_WON && f.type() != KpiFactType.DEAL_LOST).toList());
    }

    /** What a call, meeting or e-mail is about. */
    ManagerKpiFacts about(String contactId, String dealId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts);
    }

    ManagerKpiFacts withManager(String managerId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts);
    }

    ManagerKpiFacts withAmount(String amountValue, String amountCurrency) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts);
    }
}
