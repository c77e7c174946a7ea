package dev.eventcrm.projections.event;

import dev.eventcrm.events.EventCatalog;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON envelope of {@code crm.events} (see {@code EventEnvelope}) into a {@link ParsedEvent}. */
public class EnvelopeParser {
    private final JsonMapper mapper;

    public EnvelopeParser() {
        // Unknown payload fields are tolerated so producers can add optional fields before consumers know them.
        // A primitive field added to an event later (TaskCreated.nextStep) is absent from the events stored before:
        // it reads as its default (false, 0), as the contract says, not as an unparseable event.
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public ParsedEvent parse(String json) {
        if (json == null || json.isBlank()) {
            throw new UnparseableEventException("empty record value");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnparseableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        return parse(node, json);
    }

    /** A JSON array of envelopes, as served by the event history endpoint. */
    public List<ParsedEvent> parseArray(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnparseableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        return parseArray(node);
    }

    /** A JSON array node of envelopes. */
    public List<ParsedEvent> parseArray(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new UnparseableEventException("expected a JSON array of envelopes");
        }
        return node.valueStream().map(element -> parse(element, element.toString())).toList();
    }

    /** Reads JSON without binding it to events, for responses that wrap envelopes. */
    public JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnparseableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private ParsedEvent parse(JsonNode node, String raw) {
        if (node == null || !node.isObject()) {
            throw new UnparseableEventException("envelope is not a JSON object");
        }
        String type = text(node, "type");
        Class<? extends Record> payloadType = EventCatalog.byName(type)
                .orElseThrow(() -> new UnparseableEventException("unknown event type " + type));
        JsonNode payloadNode = node.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new UnparseableEventException("payload missing or not an object in " + type);
        }
        Record payload;
        try {
            payload = mapper.treeToValue(payloadNode, payloadType);
        } catch (JacksonException e) {
            throw new UnparseableEventException("payload of " + type + " does not bind: " + e.getOriginalMessage(), e);
        }
        JsonNode sequence = node.get("sequence");
        if (sequence == null || !sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 0) {
            throw new UnparseableEventException("sequence missing or not a non-negative integer");
        }
        return new ParsedEvent(
                text(node, "eventId"),
                type,
                text(node, "aggregateType"),
                text(node, "aggregateId"),
                sequence.longValue(),
                instant(node, "occurredAt"),
                instant(node, "recordedAt"),
                metadata(node.get("metadata")),
                payload,
                raw);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new UnparseableEventException(field + " missing or not a string");
        }
        return value.stringValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnparseableEventException(field + " is not an ISO-8601 instant: " + text, e);
        }
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new UnparseableEventException("metadata is not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.properties().forEach(entry -> metadata.put(entry.getKey(),
                entry.getValue().isNull() ? null : entry.getValue().asString()));
        return metadata;
    }
}
