package dev.eventcrm.query.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
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
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.managerkpi.ManagerKpiProjection;
import dev.eventcrm.projections.quota.QuotaCodec;
import dev.eventcrm.projections.quota.QuotasFold;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Events of calls, meetings, e-mails, tasks and deals, and the managers report over them as the projections'
 * manager-kpis store them.
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
    /** A task of {@code assignee} created at {@code at}, due at {@code due}. */
    static ParsedEvent taskDue(String id, String assignee, Instant at, Instant due) {
        return event(ParsedEvent.TASK, id, 0, assignee, at, new TaskCreated(id, TaskType.CALL, due, assignee, "c1",
                null, null));
    }

    static ParsedEvent taskRescheduled(String id, long sequence, Instant from, Instant to, Instant at) {
        return event(ParsedEvent.TASK, id, sequence, "lead", at, new TaskRescheduled(id, from, to));
    }

    static ParsedEvent taskCancelled(String id, long sequence, Instant at) {
        return event(ParsedEvent.TASK, id, sequence, "lead", at, new TaskCancelled(id, "not needed"));
    }

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

    /**
     * A database of its own with the projections' manager-kpis (days cut in {@code zone}) over {@code events},
     * delivered as Kafka may deliver them; {@link ProjectedBuckets} checks that a rebuild in order agrees. A deal's
     * opening also reaches its contact's responses document, where a later event of the deal would not heal it: it is
     * redelivered and reordered, never lost.
     */
    static MongoDatabase projected(List<ParsedEvent> events, ZoneId zone, Random random, long seed) {
        MongoDatabase database = ProjectedBuckets.freshDatabase("kpi-buckets");
        ProjectedBuckets.project(database, ManagerKpiProjection.create(database, history(events), zone,
                        ProjectedBuckets.TIMEOUT), ManagerKpiProjection.COLLECTION, events,
                FoldHarness.delivery(events, random, event -> event.payload() instanceof DealOpened), random, seed);
        return database;
    }

    /**
     * {@code kpis} and {@code alongside} added up from the buckets of {@code database} as the controllers read them,
     * {@code kpis} with its first responses reconciled.
     */
    static ManagerKpis read(MongoDatabase database, ManagerKpis kpis, ManagerKpis... alongside) {
        ManagerKpiRepository repository = new ManagerKpiRepository(database);
        Set<String> ids = new HashSet<>(kpis.bucketIds());
        Arrays.stream(alongside).forEach(other -> ids.addAll(other.bucketIds()));
        return repository.buckets(ids).doOnNext(bucket -> {
            kpis.add(bucket);
            Arrays.stream(alongside).forEach(other -> other.add(bucket));
        }).then(Mono.defer(() -> repository.responded(kpis))).block(ProjectedBuckets.TIMEOUT);
    }

    /** The {@code quotas} documents after {@code delivery}, as the report reads them, by id. */
    static List<QuotaPlan> quotas(List<ParsedEvent> delivery, EventHistory history) {
        return FoldHarness.folded(new QuotasFold(), new QuotaCodec(), delivery, history).values().stream()
                .map(QuotaPlan::from).toList();
    }
}
