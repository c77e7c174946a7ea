package dev.eventcrm.command.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A JSON Merge Patch of a deal's details: a null field is left as it is, except the expected close date, which
 * {@code clearExpectedCloseDate} removes.
 */
public record ChangeDealDetails(@TargetAggregateIdentifier String dealId, String title, BigDecimal amountValue,
                                String currency, LocalDate expectedCloseDate, boolean clearExpectedCloseDate,
                                Long expectedVersion) implements DealCommand {
}
