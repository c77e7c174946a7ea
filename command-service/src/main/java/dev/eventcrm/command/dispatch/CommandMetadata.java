package dev.eventcrm.command.dispatch;

import dev.eventcrm.events.EventMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Carries the audit envelope from a command to every event it causes: actor, channel, command, correlation and
 * business time come from the command's metadata; causation is the command itself, or the event named by an
 * automated command.
 */
@Component
public class CommandMetadata implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(
            EventMetadata.ACTOR_ID, EventMetadata.CHANNEL, EventMetadata.COMMAND_ID,
            EventMetadata.CORRELATION_ID, EventMetadata.OCCURRED_AT);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        // automation's commands name the event that caused them; a client's command is itself the cause
        data.put(EventMetadata.CAUSATION_ID,
                message.getMetaData().getOrDefault(EventMetadata.CAUSATION_ID, message.getIdentifier()));
        return data;
    }

    /** Stamps recording time on each event as it is published, equal to the stored event timestamp. */
    public static MessageDispatchInterceptor<EventMessage<?>> recordedAtStamp() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, event) -> event.andMetaData(
                        Map.of(EventMetadata.RECORDED_AT, event.getTimestamp().toString()));
            }
        };
    }
}
