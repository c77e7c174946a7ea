package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.EventMetadata;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every installation has the skeleton's pipeline as pipeline {@code default}: created as a command (so its events
 * reach the read side like any other) the first time the service starts. Deals opened before pipelines were kept
 * get their place in {@code deal_position}, read from their events, so that their stages cannot be removed.
 */
@Component
class DefaultPipeline implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultPipeline.class);

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final AggregateLookup lookup;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final InsertIfAbsent inserts;
    private final String actor;

    DefaultPipeline(CommandGateway commands, TransactionManager transactions, AggregateLookup lookup,
                    EventStore eventStore, JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.commands = commands;
        this.transactions = transactions;
        this.lookup = lookup;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.inserts = new InsertIfAbsent(jdbc, properties);
        this.actor = properties.commands().defaultActor();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!lookup.exists(DealStages.PIPELINE, AggregateLookup.PIPELINE)) {
            create();
        }
        placeDealsOpenedBeforePipelines();
    }

    private void create() {
        String commandId = UUID.randomUUID().toString();
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(
                        new CreatePipeline(DealStages.PIPELINE, DealStages.PIPELINE_NAME, DealStages.DEFAULT_STAGES))
                .andMetaData(Map.of(EventMetadata.ACTOR_ID, actor, EventMetadata.CHANNEL, "SYSTEM",
                        EventMetadata.COMMAND_ID, commandId, EventMetadata.CORRELATION_ID, commandId,
                        EventMetadata.OCCURRED_AT, Instant.now().toString()));
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> commands.sendAndWait(message),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional() && !lookup.exists(DealStages.PIPELINE, AggregateLookup.PIPELINE)) {
            throw new IllegalStateException("could not create the default pipeline", result.exceptionResult());
        }
        // exceptional but existing: another instance created it at the same moment
    }

    private void placeDealsOpenedBeforePipelines() {
        List<String> unplaced = jdbc.queryForList("SELECT aggregate_id FROM aggregate_lookup l "
                + "WHERE aggregate_type = ? AND NOT EXISTS (SELECT 1 FROM deal_position p "
                + "WHERE p.deal_id = l.aggregate_id)", String.class, AggregateLookup.DEAL);
        for (String dealId : unplaced) {
            String[] place = {DealStages.PIPELINE, null};
            eventStore.readEvents(dealId, 0L).asStream().forEach(event -> {
                if (event.getPayload() instanceof DealOpened opened) {
                    place[0] = opened.pipelineId() == null ? DealStages.PIPELINE : opened.pipelineId();
                    place[1] = opened.stage();
                } else if (event.getPayload() instanceof DealStageMoved moved) {
                    place[1] = moved.to();
                } else if (event.getPayload() instanceof DealReopened reopened) {
                    place[1] = reopened.to();
                }
            });
            if (place[1] != null) {
                // a deal moved by a command meanwhile has its row already, and that one is newer
                inserts.insert("INSERT INTO deal_position (deal_id, pipeline_id, stage_id) VALUES (?, ?, ?)",
                        "deal_id", dealId, place[0], place[1]);
            }
        }
        if (!unplaced.isEmpty()) {
            log.info("Placed {} deals opened before pipelines were kept in deal_position", unplaced.size());
        }
    }
}
