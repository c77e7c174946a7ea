package dev.eventcrm.command.deal;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.command.eventstore.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCaching.DEAL_CACHE, snapshotTriggerDefinition = AggregateCaching.SNAPSHOT_TRIGGER,
        filterEventsByType = true)
public class Deal {

    @AggregateIdentifier
    private String dealId;
    private Pipeline pipeline;
    private String stage;
    private String ownerId;

    protected Deal() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Deal(OpenDeal command, AggregateLookup lookup) {
        if (!lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "contactId", "no contact with id " + command.contactId());
        }
        lookup.register(command.dealId(), AggregateLookup.DEAL);
        apply(new DealOpened(command.dealId(), command.contactId(), command.title(), command.amount(),
                command.ownerId(), command.source(), Pipeline.DEFAULT.id(), Pipeline.DEFAULT.firstStage()));
    }

    /** Returns the deal's version after the move. */
    @CommandHandler
    public long handle(MoveDealStage command) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (pipeline.isClosed(stage)) {
            throw new RuleViolation("deal-closed", "Deal " + dealId + " is closed in stage " + stage);
        }
        if (!pipeline.hasStage(command.stage())) {
            throw new RuleViolation("unknown-stage", "stage",
                    "Unknown stage " + command.stage() + "; pipeline stages are " + pipeline.stages());
        }
        if (command.stage().equals(stage)) {
            throw new RuleViolation("stage-unchanged", "Deal " + dealId + " is already in stage " + stage);
        }
        apply(new DealStageMoved(dealId, stage, command.stage()));
        return AggregateLifecycle.getVersion();
    }

    /** Returns the deal's version after the assignment. */
    @CommandHandler
    public long handle(AssignOwner command) {
        StaleVersion.require(dealId, command.expectedVersion());
        if (command.ownerId().equals(ownerId)) {
            throw new RuleViolation("owner-unchanged", "Deal " + dealId + " is already owned by " + ownerId);
        }
        apply(new DealOwnerAssigned(dealId, ownerId, command.ownerId()));
        return AggregateLifecycle.getVersion();
    }


    @EventSourcingHandler
    void on(DealOpened event) {
        dealId = event.dealId();
        pipeline = Pipeline.DEFAULT;
        stage = event.stage();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(DealStageMoved event) {
        stage = event.to();
    }

    @EventSourcingHandler
    void on(DealOwnerAssigned event) {
        ownerId = event.newOwnerId();
    }
}
