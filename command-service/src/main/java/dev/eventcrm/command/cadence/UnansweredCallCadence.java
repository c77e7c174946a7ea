package dev.eventcrm.command.cadence;

import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.cadence.CadenceFacts.ContactFacts;
import dev.eventcrm.command.cadence.CadenceFacts.DealToLose;
import dev.eventcrm.command.cadence.FollowUpSlot.Window;
import dev.eventcrm.command.contact.ArchiveContact;
import dev.eventcrm.command.deal.MoveDealStage;
import dev.eventcrm.command.pipeline.PipelineProperties;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.user.UserProperties;
import dev.eventcrm.events.EventMetadata;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.events.user.WorkingHours;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The unanswered-call cadence of one contact: a streak of consecutive unanswered outbound calls.
 * <ul>
 *   <li>An OUTBOUND call with outcome NO_ANSWER, BUSY or UNREACHABLE is a miss. The n-th miss of a streak creates
 *   follow-up CALL task n, due {@link CadenceProperties#delays()} n after the call, moved into the assignee's working
 *   hours and the client's daytime ({@link FollowUpSlot}). The miss after the last delay archives the contact
 *   (reason {@value #UNREACHABLE}) and moves each of its open deals to the LOST stage of the deal's pipeline.</li>
 *   <li>A CONNECTED call, in either direction, ends the streak: the client was reached.</li>
 *   <li>Other calls neither count nor reset: a voicemail or an inbound miss is no proof that the client can be
 *   reached, nor an unanswered attempt of ours; a wrong number is a data problem for the manager, not a miss. They
 *   leave the open follow-up open too: the retry is still owed.</li>
 *   <li>A miss or a connected call completes the streak's open follow-up, so that follow-ups do not pile up.</li>
 * </ul>
 * Started by the first miss (a call that is none ends the saga it would have started before it is stored), ended by
 * a connected call or the archiving. It runs in the call's transaction ({@code AutomationConfiguration}); every
 * command it sends records channel AUTOMATION and the call's event as its cause ({@link AutomationCommands}).
 * <p>
 * Follow-up ids are the streak's first call id with {@code -followup-n}: handling the same calls again can never
 * create a second task for one step.
 */
@Saga
public class UnansweredCallCadence {

    public static final String UNREACHABLE = "unreachable";
    private static final String CONTACT = "contactId";
    private static final String TASK = "taskId";
    private static final Set<CallOutcome> MISSES = EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY,
            CallOutcome.UNREACHABLE);

    private String contactId;
    /** The id of the streak's first unanswered call: what its follow-up ids are made of. */
    private String streakId;
    private int misses;
    /** The follow-up task this cadence created that is still open, if any. */
    private String openFollowUp;

    public UnansweredCallCadence() {
        // state is restored by the saga store
    }

    private static boolean isMiss(CallLogged call) {
        return call.direction() == CallDirection.OUTBOUND && MISSES.contains(call.outcome());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = CONTACT)
    void on(CallLogged call, EventMessage<CallLogged> message, CadenceFacts facts, AutomationCommands commands,
            CadenceProperties cadence, UserProperties users, PipelineProperties pipelines) {
        if (call.outcome() == CallOutcome.CONNECTED) {
            completeOpenFollowUp(call, message, commands);
            SagaLifecycle.end();
            return;
        }
        if (!isMiss(call)) {
            if (misses == 0) {
                SagaLifecycle.end();
            }
            return;
        }
        if (misses++ == 0) {
            contactId = call.contactId();
            streakId = call.callId();
        }
        completeOpenFollowUp(call, message, commands);
        ContactFacts contact = facts.contact(contactId);
        if (misses >= cadence.lastMiss()) {
            giveUp(contact, message, facts, commands, pipelines);
            SagaLifecycle.end();
            return;
        }
        ZoneId installationZone = ZoneId.of(users.defaultTimeZone());
        String assignee = contact.ownerId() != null ? contact.ownerId()
                : Objects.toString(message.getMetaData().get(EventMetadata.ACTOR_ID), null);
        Instant due = FollowUpSlot.earliest(call.occurredAt().plus(cadence.delays().get(misses - 1)),
                workingHours(assignee, facts, cadence, installationZone),
                Window.daily(Objects.requireNonNullElse(contact.timeZone(), installationZone),
                        cadence.clientDay().from(), cadence.clientDay().to()));
        String taskId = streakId + "-followup-" + misses;
        openFollowUp = taskId;
        SagaLifecycle.associateWith(TASK, taskId);
        commands.send(new CreateTask(taskId, TaskType.CALL, due, assignee, contactId, call.dealId(),
                "Call again: unanswered call " + misses + " in a row (" + call.outcome() + ")"), message);
    }

    /** The follow-up was done or dropped by hand: nothing left to complete. */
    @SagaEventHandler(associationProperty = TASK)
    void on(TaskCompleted completed) {
        closed(completed.taskId());
    }

    @SagaEventHandler(associationProperty = TASK)
    void on(TaskCancelled cancelled) {
        closed(cancelled.taskId());
    }

    private void closed(String taskId) {
        if (taskId.equals(openFollowUp)) {
            openFollowUp = null;
        }
        SagaLifecycle.removeAssociationWith(TASK, taskId);
    }

    private void completeOpenFollowUp(CallLogged call, EventMessage<CallLogged> message,
                                      AutomationCommands commands) {
        if (openFollowUp == null) {
            return;
        }
        String taskId = openFollowUp;
        // cleared first: the TaskCompleted this causes is handled here too
        openFollowUp = null;
        SagaLifecycle.removeAssociationWith(TASK, taskId);
        commands.send(new CompleteTask(taskId, "call logged: " + call.outcome(), null), message);
    }

    /**
     * Refusals would roll the call back with them, so what is already done is skipped: a contact archived by hand
     * is not archived again, a loss reason the installation does not accept is recorded as unspecified.
     */
    private void giveUp(ContactFacts contact, EventMessage<CallLogged> message, CadenceFacts facts,
                        AutomationCommands commands, PipelineProperties pipelines) {
        if (!contact.archived()) {
            commands.send(new ArchiveContact(contactId, UNREACHABLE, null), message);
        }
        String lossReason = pipelines.lossReasons().contains(UNREACHABLE) ? UNREACHABLE : null;
        for (DealToLose deal : facts.openDeals(contactId)) {
            commands.send(new MoveDealStage(deal.dealId(), deal.lostStage(), lossReason,
                    "contact unreachable after " + misses + " unanswered calls in a row", null), message);
        }
    }

    private static Window workingHours(String userId, CadenceFacts facts, CadenceProperties cadence,
                                       ZoneId installationZone) {
        CadenceFacts.UserFacts user = userId == null ? null : facts.user(userId).orElse(null);
        ZoneId zone = user != null && user.timeZone() != null ? user.timeZone() : installationZone;
        WorkingHours hours = user != null ? user.workingHours() : null;
        if (hours == null) {
            CadenceProperties.WorkingHours defaults = cadence.defaultWorkingHours();
            return new Window(zone, Set.copyOf(defaults.days()), defaults.from(), defaults.to());
        }
        return new Window(zone, Set.copyOf(hours.days()), hours.from(), hours.to());
    }
}
