package dev.eventcrm.query.managerkpi;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.managerkpi.ManagerKpiCodec;
import dev.eventcrm.projections.managerkpi.ManagerKpiFold;
import dev.eventcrm.projections.quota.QuotaCodec;
import dev.eventcrm.projections.quota.QuotasFold;
import dev.eventcrm.query.FoldHarness;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Events of calls, meetings, e-mails, tasks and deals, and their documents as the projections' folds store them
 * ({@link FoldHarness}).
 */
final class KpiEvents {
    private KpiEvents() {
    }

    /** An event of {@code aggregateType} recorded at {@code at}, performed by {@code actor}. */
    static ParsedEvent event(String aggregateType, String id, long sequence, String actor, Instant at,
                             Record payload) {
        return new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), aggregateType, id, sequence,
                at, at, Map.of("actorId", actor), payload, null);
    }

    /** A call with {@code contactId} that happened at {@code happened}, logged at {@code logged}. */
    static ParsedEvent call(String id, String actor, String contactId, boolean outbound, CallOutcome outcome,
                            int seconds, Instant happened, Instant logged) {
        return event(ParsedEvent.CALL, id, 0, actor, logged, new CallLogged(id, contactId, null,
                outbound ? CallDirection.OUTBOUND : CallDirection.INBOUND, outcome, seconds, null, happened));
    }

    static ParsedEvent meeting(String id, String actor, String contactId, String dealId, Instant at) {
        return event(ParsedEvent.MEETING, id, 0, actor, at, new MeetingLogged(id, contactId, dealId, at, "Demo",
                "ok"));
    }

    static ParsedEvent email(String id, String actor, String contactId, String dealId, Instant at) {
        return event(ParsedEvent.EMAIL, id, 0, actor, at, new EmailLogged(id, contactId, dealId,
                EmailDirection.OUTBOUND, "Offer", at));
    }

    static ParsedEvent taskCreated(String id, String assignee, Instant at) {
        return event(ParsedEvent.TASK, id, 0, assignee, at, new TaskCreated(id, TaskType.CALL, at.plusSeconds(3600),
                assignee, "c1", null, null));
    }

    static ParsedEvent taskReassigned(String id, long sequence, String from, String to, Instant at) {
        return event(ParsedEvent.TASK, id, sequence, from, at, new TaskReassigned(id, from, to));
    }

    /** Completed by "system": the assignee, not the actor, gets the credit. */
    static ParsedEvent taskCompleted(String id, long sequence, Instant at) {
        return event(ParsedEvent.TASK, id, sequence, "system", at, new TaskCompleted(id, "done"));
    }

    /** A deal of the contact {@code "c-" + id}. */
    static ParsedEvent dealOpened(String id, String owner, String amount, String currency, Instant at) {
        return dealOpened(id, "c-" + id, owner, amount, currency, at);
    }

    static ParsedEvent dealOpened(String id, String contactId, String owner, String amount, String currency,
                                  Instant at) {
        return event(ParsedEvent.DEAL, id, 0, owner, at, new DealOpened(id, contactId, "Deal " + id,
                new Money(new BigDecimal(amount), currency), owner, "web", "default", "NEW"));
    }

    static ParsedEvent handedOver(String id, long sequence, String from, String to, Instant at) {
        return event(ParsedEvent.DEAL, id, sequence, "lead", at, new DealOwnerAssigned(id, from, to));
    }

    static ParsedEvent closed(String id, long sequence, StageKind kind, Instant at) {
        String to = kind == StageKind.WON ? "WON" : "LOST";
        return event(ParsedEvent.DEAL, id, sequence, "lead", at, new DealStageMoved(id, "NEW", to, "default", false,
                kind, null, null));
    }

    static ParsedEvent reopened(String id, long sequence, String from, Instant at) {
        return event(ParsedEvent.DEAL, id, sequence, "lead", at, new DealReopened(id, from, "NEW", "default"));
    }

    /** The event store: each aggregate's events in sequence order. */
    static EventHistory history(List<ParsedEvent> events) {
        return FoldHarness.history(events);
    }

    /** The {@code manager_kpi_facts} documents after {@code delivery}, as stored, by id (sorted). */
    static Map<String, Document> stored(List<ParsedEvent> delivery, EventHistory history) {
        return FoldHarness.folded(new ManagerKpiFold(), new ManagerKpiCodec(), delivery, history);
    }

    /** The {@code quotas} documents after {@code delivery}, as the report reads them, by id. */
    static List<QuotaPlan> quotas(List<ParsedEvent> delivery, EventHistory history) {
        return FoldHarness.folded(new QuotasFold(), new QuotaCodec(), delivery, history).values().stream()
                .map(QuotaPlan::from).toList();
    }
}
