package dev.eventcrm.command.deal;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.eventstore.AggregateCaching;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.nextstep.NextSteps;
import dev.eventcrm.command.owner.Ownership;
import dev.eventcrm.command.pipeline.PipelineProperties;
import dev.eventcrm.command.pipeline.PipelineStages;
import dev.eventcrm.command.pipeline.Pipelines;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.deal.DealTitleChanged;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCaching.DEAL_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        snapshotFilter = AggregateCaching.DEAL_SNAPSHOT_FILTER, filterEventsByType = true)
@Revision(AggregateCaching.DEAL_REVISION)
public class Deal {

    /** An assignment that expected another current owner (a hand-over racing another change of owner). */
    public static final String OWNER_CHANGED = "owner-changed";

    @AggregateIdentifier
    private String dealId;
    private String pipelineId;
    private String stage;
    private StageKind kind;
    private String ownerId;
    private String title;
    private Money amount;
    private LocalDate expectedCloseDate;

    protected Deal() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Deal(OpenDeal command, AggregateLookup lookup, Pipelines pipelines, Ownership ownership,
                NextSteps nextSteps) {
        if (!lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "contactId", "no contact with id " + command.contactId());
        }
        PipelineStages stages = pipelines.find(command.pipelineId()).orElseThrow(() -> new RuleViolation(
                "unknown-pipeline", "pipelineId", "no pipeline with id " + command.pipelineId()));
        String first = stages.firstOpenStage();
        if (!pipelines.enter(command.dealId(), command.pipelineId(), first)) {
            throw removedMeanwhile(first);
        }
        lookup.register(command.dealId(), AggregateLookup.DEAL);
        ownership.owned(command.dealId(), AggregateLookup.DEAL, command.ownerId(), true, command.contactId());
        nextSteps.opened(command.dealId());
        apply(new DealOpened(command.dealId(), command.contactId(), command.title(), command.amount(),
                command.ownerId(), command.source(), command.pipelineId(), first, command.expectedCloseDate()));
    }

    /** Returns the deal's version after the move. */
    @CommandHandler
    public long handle(MoveDealStage command, Pipelines pipelines, PipelineProperties settings,
                       Ownership ownership, NextSteps nextSteps) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (kind != StageKind.OPEN) {
            throw new RuleViolation("deal-closed", "Deal " + dealId + " is closed (" + kind + ") in stage " + stage
                    + "; reopen it first");
        }
        PipelineStages stages = stagesOf(pipelines);
        StageKind to = stages.kind(command.stage()).orElseThrow(() -> new RuleViolation("unknown-stage", "stage",
                "Unknown stage " + command.stage() + "; pipeline " + pipelineId + " has " + stages.ids()));
        if (command.stage().equals(stage)) {
            throw new RuleViolation("stage-unchanged", "Deal " + dealId + " is already in stage " + stage);
        }
        String lossReason = lossReason(command, to, settings);
        if (!pipelines.enter(dealId, pipelineId, command.stage())) {
            throw removedMeanwhile(command.stage());
        }
        if (to != StageKind.OPEN) {
            ownership.activated(dealId, false);
            nextSteps.dealOpen(dealId, false);
        }
        boolean regression = to == StageKind.OPEN && stages.position(command.stage()) < stages.position(stage);
        apply(new DealStageMoved(dealId, stage, command.stage(), pipelineId, regression, to, lossReason,
                command.comment()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReopenDeal command, Pipelines pipelines, Ownership ownership, NextSteps nextSteps) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (kind == StageKind.OPEN) {
            throw new RuleViolation("deal-open", "Deal " + dealId + " is open in stage " + stage);
        }
        PipelineStages stages = stagesOf(pipelines);
        String target = command.stage() != null ? command.stage() : stages.firstOpenStage();
        if (stages.kind(target).orElse(null) != StageKind.OPEN) {
            throw new RuleViolation("not-an-open-stage", "stage", "A deal reopens in an OPEN stage of pipeline "
                    + pipelineId + "; " + target + " is not one");
        }
        if (!pipelines.enter(dealId, pipelineId, target)) {
            throw removedMeanwhile(target);
        }
        ownership.activated(dealId, true);
        nextSteps.dealOpen(dealId, true);
        apply(new DealReopened(dealId, stage, target, pipelineId));
        return AggregateLifecycle.getVersion();
    }

    /** Only what changed becomes an event; an empty change answers the current version. */
    @CommandHandler
    public long handle(ChangeDealDetails command) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (command.title() != null && !command.title().equals(title)) {
            apply(new DealTitleChanged(dealId, title, command.title()));
        }
        Money changed = new Money(Objects.requireNonNullElse(command.amountValue(), amount.value()),
                Objects.requireNonNullElse(command.currency(), amount.currency()));
        if (!sameAmount(changed, amount)) {
            apply(new DealAmountChanged(dealId, amount, changed));
        }
        LocalDate date = command.clearExpectedCloseDate() ? null
                : command.expectedCloseDate() != null ? command.expectedCloseDate() : expectedCloseDate;
        if (!Objects.equals(date, expectedCloseDate)) {
            apply(new DealExpectedCloseDateChanged(dealId, expectedCloseDate, date));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Returns the deal's version after the assignment. */
    @CommandHandler
    public long handle(AssignOwner command, Ownership ownership) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (command.fromOwnerId() != null && !command.fromOwnerId().equals(ownerId)) {
            throw new RuleViolation(OWNER_CHANGED, "Deal " + dealId + " is owned by " + ownerId + ", not "
                    + command.fromOwnerId());
        }
        if (command.ownerId().equals(ownerId)) {
            throw new RuleViolation("owner-unchanged", "Deal " + dealId + " is already owned by " + ownerId);
        }
        ownership.reassigned(dealId, command.ownerId());
        apply(new DealOwnerAssigned(dealId, ownerId, command.ownerId()));
        return AggregateLifecycle.getVersion();
    }

    private PipelineStages stagesOf(Pipelines pipelines) {
        return pipelines.find(pipelineId).orElseThrow(() -> new IllegalStateException(
                "deal " + dealId + " is in pipeline " + pipelineId + ", which is not recorded"));
    }

    private static String lossReason(MoveDealStage command, StageKind to, PipelineProperties settings) {
        if (to != StageKind.LOST) {
            if (command.lossReason() != null) {
                throw new RuleViolation("loss-reason-not-lost", "lossReason",
                        "only a move into a LOST stage takes a loss reason");
            }
            return null;
        }
        if (command.lossReason() == null || command.lossReason().equals(DealStages.UNSPECIFIED_REASON)) {
            return DealStages.UNSPECIFIED_REASON;
        }
        if (!settings.lossReasons().contains(command.lossReason())) {
            throw new RuleViolation("unknown-loss-reason", "lossReason", "must be one of "
                    + settings.lossReasons() + " or " + DealStages.UNSPECIFIED_REASON);
        }
        return command.lossReason();
    }

    private static RuleViolation removedMeanwhile(String stageId) {
        return new RuleViolation("unknown-stage", "stage", "Stage " + stageId + " was removed from the pipeline");
    }

    /** 1500 and 1500.00 EUR are the same amount: no event for a change of scale alone. */
    private static boolean sameAmount(Money a, Money b) {
        return a.currency().equals(b.currency()) && a.value().compareTo(b.value()) == 0;
    }

    @EventSourcingHandler
    void on(DealOpened event) {
        dealId = event.dealId();
        pipelineId = event.pipelineId() == null ? DealStages.PIPELINE : event.pipelineId();
        stage = event.stage();
        kind = StageKind.OPEN;
        ownerId = event.ownerId();
        title = event.title();
        amount = event.amount();
        expectedCloseDate = event.expectedCloseDate();
    }

    @EventSourcingHandler
    void on(DealStageMoved event) {
        stage = event.to();
        // moves recorded before custom pipelines name no kind: they were in the default pipeline
        kind = event.kind() != null ? event.kind() : DealStages.DEFAULT_STAGES.stream()
                .filter(known -> known.id().equals(event.to())).findFirst().orElseThrow().kind();
    }

    @EventSourcingHandler
    void on(DealReopened event) {
        stage = event.to();
        kind = StageKind.OPEN;
    }

    @EventSourcingHandler
    void on(DealOwnerAssigned event) {
        ownerId = event.newOwnerId();
    }

    @EventSourcingHandler
    void on(DealTitleChanged event) {
        title = event.title();
    }

    @EventSourcingHandler
    void on(DealAmountChanged event) {
        amount = event.amount();
    }

    @EventSourcingHandler
    void on(DealExpectedCloseDateChanged event) {
        expectedCloseDate = event.expectedCloseDate();
    }
}
