package dev.eventcrm.command.publication;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventcrm.events.EventMetadata;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders stored events as the public JSON envelope (see {@code EventEnvelope}). Payload and metadata are already
 * JSON in the store and are embedded verbatim, so the published bytes are exactly what was recorded.
 */
@Component
public class EnvelopeWriter {

    private final ObjectMapper mapper = new ObjectMapper();

    public String write(StoredEvent event) {
        StringWriter out = new StringWriter(512 + event.payload().length);
        try (JsonGenerator json = mapper.createGenerator(out)) {
            writeTo(json, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public String writeArray(List<StoredEvent> events) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartArray();
            for (StoredEvent event : events) {
                writeTo(json, event);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void writeTo(JsonGenerator json, StoredEvent event) throws IOException {
        String metadata = event.metadata() == null ? "{}" : new String(event.metadata(), StandardCharsets.UTF_8);
        JsonNode meta = mapper.readTree(metadata);
        json.writeStartObject();
        json.writeStringField("eventId", event.eventId());
        json.writeStringField("type", simpleName(event.payloadType()));
        json.writeStringField("aggregateType", event.aggregateType());
        json.writeStringField("aggregateId", event.aggregateId());
        json.writeNumberField("sequence", event.sequence());
        json.writeStringField("occurredAt", meta.path(EventMetadata.OCCURRED_AT).asText(event.timestamp()));
        json.writeStringField("recordedAt", meta.path(EventMetadata.RECORDED_AT).asText(event.timestamp()));
        json.writeFieldName("metadata");
        json.writeRawValue(metadata);
        json.writeFieldName("payload");
        json.writeRawValue(new String(event.payload(), StandardCharsets.UTF_8));
        json.writeEndObject();
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
