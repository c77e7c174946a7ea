package dev.eventcrm.events;

import java.math.BigDecimal;

/** An exact amount in an ISO 4217 currency; serialized with the value as a decimal string. */
public record Money(BigDecimal value, String currency) {
}
