package dev.eventcrm.projections.managerkpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One document of the manager KPIs: the KPI facts of one call, meeting, e-mail, task or deal, as of its latest
 * event, or the first responses to a contact's deals ({@link ManagerKpiFold#RESPONSES}). A deal's win or loss is its
 * current one: a reopen (or a move back to an OPEN stage) withdraws it, as in the forecast and dynamics, so a deal
 * won, reopened and won again counts once. Revenue is the deal's current amount.
 *
 * @param managerId   who the aggregate's next facts are attributed to: a task's assignee, a deal's owner
 * @param contactId   the contact a call, meeting or e-mail is about, or a deal's (at its opening)
 * @param dealId      the deal a call, meeting or e-mail is about; null for a deal's own document
 * @param amountValue the deal's amount as the event's decimal string (no precision lost); null without one
 * @param openings    a responses document's: the contact's deals as opened
 * @param touches     the calls, meetings and e-mails about a responses document's contact, or about a deal
 * @param dueAt       a task's due instant (null: none)
 * @param closed      a task completed or cancelled
 */
public record ManagerKpiFacts(String id, String managerId, String contactId, String dealId, String amountValue,
                              String amountCurrency, List<KpiFact> facts, List<Opening> openings,
                              List<Touch> touches, Instant dueAt, boolean closed) {

    /** A deal opened at {@code at} for {@code managerId}, its owner then. */
    public record Opening(String dealId, Instant at, String managerId) {
    }

    /** A call, meeting or e-mail at {@code at} (when it happened) about {@code contactId}. */
    public record Touch(Instant at, String contactId) {
    }

    private static final Comparator<Opening> OPENINGS = Comparator.comparing(Opening::at)
            .thenComparing(Opening::dealId);
    private static final Comparator<Touch> TOUCHES = Comparator.comparing(Touch::at)
            .thenComparing(Touch::contactId, Comparator.nullsFirst(Comparator.naturalOrder()));

    public ManagerKpiFacts {
        facts = List.copyOf(facts);
        openings = List.copyOf(openings);
        touches = List.copyOf(touches);
    }

    static ManagerKpiFacts empty(String id) {
        return new ManagerKpiFacts(id, null, null, null, null, null, List.of(), List.of(), List.of(), null, false);
    }

    ManagerKpiFacts with(KpiFact fact) {
        return withFacts(append(facts, fact));
    }

    /** Without its current win or loss: the deal was reopened or moved on. */
    ManagerKpiFacts withoutOutcome() {
        return withFacts(facts.stream()
                .filter(f -> f.type() != KpiFactType.DEAL_WON && f.type() != KpiFactType.DEAL_LOST).toList());
    }

    /** A deal as opened: its opener, contact and amount, and only the opening among its facts. */
    ManagerKpiFacts opened(String ownerId, String contactId, String amountValue, String amountCurrency, KpiFact fact) {
        return new ManagerKpiFacts(id, ownerId, contactId, null, amountValue, amountCurrency, List.of(fact), openings,
                touches, dueAt, closed);
    }

    /** What a call, meeting or e-mail is about. */
    ManagerKpiFacts about(String contactId, String dealId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                touches, dueAt, closed);
    }

    ManagerKpiFacts withManager(String managerId) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                touches, dueAt, closed);
    }

    ManagerKpiFacts withAmount(String amountValue, String amountCurrency) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                touches, dueAt, closed);
    }

    /** A task due at {@code dueAt} from now on. */
    ManagerKpiFacts due(Instant dueAt) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                touches, dueAt, closed);
    }

    /** A task completed or cancelled. */
    ManagerKpiFacts close() {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                touches, dueAt, true);
    }

    /** With {@code opening} among the openings, kept in order so that delivery order does not show. */
    ManagerKpiFacts withOpening(Opening opening) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts,
                inserted(openings, opening, OPENINGS), touches, dueAt, closed);
    }

    /** With {@code touch} among the touches, kept in order so that delivery order does not show. */
    ManagerKpiFacts touched(Touch touch) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, facts, openings,
                inserted(touches, touch, TOUCHES), dueAt, closed);
    }

    private ManagerKpiFacts withFacts(List<KpiFact> next) {
        return new ManagerKpiFacts(id, managerId, contactId, dealId, amountValue, amountCurrency, next, openings,
                touches, dueAt, closed);
    }

    private static <T> List<T> inserted(List<T> sorted, T element, Comparator<T> order) {
        List<T> all = new ArrayList<>(sorted.size() + 1);
        all.addAll(sorted);
        int at = Collections.binarySearch(all, element, order);
        all.add(at < 0 ? -at - 1 : at, element);
        return all;
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> all = new ArrayList<>(list.size() + 1);
        all.addAll(list);
        all.add(element);
        return all;
    }
}
