package dev.eventcrm.command.nextstep;

import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.owner.Ownership;
import dev.eventcrm.command.task.CancelTask;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.task.ReassignTask;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Keeps every open deal at exactly one open next-step task. Runs in the transaction of the triggering event
 * ({@link AutomationCommands}), holding the deal's next-step lock ({@link NextSteps#lock}), so a reaction commits with
 * its cause and two reactions for one deal never interleave:
 * <ul>
 *   <li>a new next step becomes the deal's current one and completes the previous one ("superseded by ...");</li>
 *   <li>a deal won or lost cancels its next step ("deal won" / "deal lost");</li>
 *   <li>a deal opened or reopened without one gets a default one for its owner;</li>
 *   <li>a deal that changes hands: a next step still assigned to the previous owner follows the deal to the new one
 *   (ReassignTask naming the previous owner); one assigned to someone else stays theirs; a deal without one gets a
 *   default one for the new owner.</li>
 * </ul>
 */
@Component
@ProcessingGroup(NextStepAutomation.GROUP)
class NextStepAutomation {

    static final String GROUP = "next-step";

    private final NextSteps nextSteps;
    private final Ownership ownership;
    private final EventStore eventStore;
    private final AutomationCommands automation;
    private final NextStepProperties properties;

    NextStepAutomation(NextSteps nextSteps, Ownership ownership, EventStore eventStore, AutomationCommands automation,
                       NextStepProperties properties) {
        this.nextSteps = nextSteps;
        this.ownership = ownership;
        this.eventStore = eventStore;
        this.automation = automation;
        this.properties = properties;
    }

    @EventHandler
    void on(TaskCreated event, EventMessage<?> message) {
        if (!event.nextStep()) {
            return;
        }
        // the task's creation locked the slot and found the deal open (NextStepRule.requireOpenDeal)
        String previous = nextSteps.lock(event.dealId()).map(NextSteps.Slot::taskId).orElse(null);
        nextSteps.current(event.dealId(), event.taskId());
        if (previous != null && !previous.equals(event.taskId())) {
            automation.send(new CompleteTask(previous, "superseded by " + event.taskId(), null), message);
        }
    }

    @EventHandler
    void on(DealOpened event, EventMessage<?> message) {
        giveDefault(event.dealId(), event.ownerId(), message);
    }

    @EventHandler
    void on(DealReopened event, EventMessage<?> message) {
        String ownerId = ownership.owner(event.dealId())
                .orElseGet(() -> DealFacts.of(eventStore, event.dealId()).ownerId());
        giveDefault(event.dealId(), ownerId, message);
    }

    @EventHandler
    void on(DealStageMoved event, EventMessage<?> message) {
        StageKind kind = event.targetKind();
        if (kind == StageKind.OPEN) {
            return;
        }
        nextSteps.lock(event.dealId()).map(NextSteps.Slot::taskId).ifPresent(taskId -> {
            nextSteps.current(event.dealId(), null);
            automation.send(new CancelTask(taskId, kind == StageKind.WON ? "deal won" : "deal lost", null),
                    message);
        });
    }

    @EventHandler
    void on(DealOwnerAssigned event, EventMessage<?> message) {
        Optional<NextSteps.Slot> slot = nextSteps.lock(event.dealId()).filter(NextSteps.Slot::dealOpen);
        if (slot.isEmpty()) {
            return; // closed; or opened before next steps and not recorded yet: the backfill serves its new owner
        }
        String taskId = slot.get().taskId();
        if (taskId == null) {
            giveDefault(event.dealId(), event.newOwnerId(), message);
        } else if (ownership.owner(taskId).filter(event.previousOwnerId()::equals).isPresent()) {
            // a portfolio hand-over moves tasks after deals: this one is then no longer in the old portfolio
            automation.send(new ReassignTask(taskId, event.newOwnerId(), event.previousOwnerId(), null), message);
        }
    }

    /**
     * Gives an open deal without a next step its default one, assigned to {@code ownerId}; nothing when it has one or
     * is closed. Takes the deal's next-step lock first, so that of two instances backfilling one deal only one does.
     */
    void giveDefault(String dealId, String ownerId, EventMessage<?> cause) {
        Optional<NextSteps.Slot> slot = nextSteps.lock(dealId);
        if (slot.isPresent() && slot.get().dealOpen() && slot.get().taskId() == null) {
            automation.send(new CreateTask(UUID.randomUUID().toString(), properties.defaultType(),
                    GenericEventMessage.clock.instant().plus(properties.defaultDue()), ownerId, null, dealId,
                    properties.defaultNote(), true), cause);
        }
    }
}
