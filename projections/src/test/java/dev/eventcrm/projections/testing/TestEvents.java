package dev.eventcrm.projections.testing;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Envelopes as the command-service publishes them (Money.value as a decimal string), parsed like the runner does. */
public final class TestEvents {
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final EnvelopeParser PARSER = new EnvelopeParser();

    private TestEvents() {
    }

    public static ParsedEvent contactCreated(String contactId, String name, Instant at) {
        return event("Contact", contactId, 0, at, new ContactCreated(contactId,
                new ContactPersonalData(name, List.of("030 12345678"), List.of(name.toLowerCase() + "@example.com"),
                        List.of(new PhoneNumber("+493012345678", "030 12345678"))),
                "Berlin", "DE", "web", "owner-1", null));
    }

    public static ParsedEvent dealOpened(String dealId, String contactId, String amount, Instant at) {
        return event("Deal", dealId, 0, at, new DealOpened(dealId, contactId, "Deal " + dealId,
                new Money(new BigDecimal(amount), "EUR"), "owner-1", "referral", "default", "NEW"));
    }

    public static ParsedEvent stageMoved(String dealId, long sequence, String from, String to, Instant at) {
        return event("Deal", dealId, sequence, at, new DealStageMoved(dealId, from, to));
    }

    public static ParsedEvent ownerAssigned(String dealId, long sequence, String from, String to, Instant at) {
        return event("Deal", dealId, sequence, at, new DealOwnerAssigned(dealId, from, to));
    }

    public static ParsedEvent callLogged(String callId, String contactId, String dealId, CallOutcome outcome,
                                         Instant at) {
        return event("Call", callId, 0, at, new CallLogged(callId, contactId, dealId, CallDirection.OUTBOUND,
                outcome, 120, "notes", at));
    }

    /** The JSON value of a Kafka record for the event. */
    public static String json(String aggregateType, String aggregateId, long sequence, Instant at, Record payload) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventId", UUID.nameUUIDFromBytes((aggregateId + "@" + sequence).getBytes(StandardCharsets.UTF_8))
                .toString());
        root.put("type", payload.getClass().getSimpleName());
        root.put("aggregateType", aggregateType);
        root.put("aggregateId", aggregateId);
        root.put("sequence", sequence);
        root.put("occurredAt", at.toString());
        root.put("recordedAt", at.plusMillis(3).toString());
        root.putObject("metadata").put("actorId", "user-7").put("channel", "api");
        JsonNode payloadNode = MAPPER.valueToTree(payload);
        if (payloadNode.get("amount") instanceof ObjectNode amount && amount.get("value") != null) {
            amount.put("value", amount.get("value").decimalValue().toPlainString()); // the contract's decimal string
        }
        if (payloadNode.get("target") != null && payloadNode.get("target").isNumber()) {
            ((ObjectNode) payloadNode).put("target", payloadNode.get("target").decimalValue().toPlainString());
        }
        root.set("payload", payloadNode);
        return root.toString();
    }

    public static ParsedEvent event(String aggregateType, String aggregateId, long sequence, Instant at,
                                     Record payload) {
        return PARSER.parse(json(aggregateType, aggregateId, sequence, at, payload));
    }
}
