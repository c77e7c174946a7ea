package dev.eventcrm.command.automation;

import dev.eventcrm.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends the commands that automation decides in reaction to an event. Automation's event handlers run in a
 * subscribing processor ({@link AutomationConfiguration}), so the command joins the transaction that stores the
 * triggering event: both commit or neither does, on any instance, with nothing to re-deliver after a crash.
 * <p>
 * Every event the command causes records channel {@value #CHANNEL}, actor {@value #ACTOR}, the triggering event's
 * correlation id and, as {@code causationId}, the triggering event's id. Business time is Axon's clock
 * ({@link GenericEventMessage#clock}), which fixture tests control.
 */
@Component
public class AutomationCommands {

    public static final String CHANNEL = "AUTOMATION";
    public static final String ACTOR = "automation";

    private final CommandGateway commandGateway;
    AutomationCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * Sends {@code command} as a consequence of {@code cause} and waits for its handler. A refusal (e.g. a
     * {@code RuleViolation}) is thrown, which rolls the triggering command back too: catch it where the automation
     * may give up instead.
     *
     * @return what the command handler returned
     */
    public <R> R send(Object command, EventMessage<?> cause) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metadata(cause, GenericEventMessage.clock.instant()));
        return commandGateway.sendAndWait(message);
    }

    /**
     * The audit metadata of a change automation makes because of {@code cause}, for messages that carry it to a
     * handler later (e.g. a deadline's).
     *
     * @param occurredAt the business time of the change
     */
    public static Map<String, String> metadata(EventMessage<?> cause, Instant occurredAt) {
        String commandId = UUID.randomUUID().toString();
        Object correlation = cause.getMetaData().get(EventMetadata.CORRELATION_ID);
        return Map.of(
                EventMetadata.ACTOR_ID, ACTOR,
                EventMetadata.CHANNEL, CHANNEL,
                EventMetadata.COMMAND_ID, commandId,
                EventMetadata.CORRELATION_ID, Objects.toString(correlation, cause.getIdentifier()),
                EventMetadata.CAUSATION_ID, cause.getIdentifier(),
                EventMetadata.OCCURRED_AT, occurredAt.toString());
    }
}
