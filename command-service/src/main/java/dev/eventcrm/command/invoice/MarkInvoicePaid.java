package dev.eventcrm.command.invoice;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** @param expectedVersion the If-Match version; null when the request did not give one */
public record MarkInvoicePaid(@TargetAggregateIdentifier String invoiceId, LocalDate paidOn, Long expectedVersion)
        implements TargetsExisting {

    @Override
    public String targetId() {
        return invoiceId;
    }

    @Override
    public String targetType() {
        return AggregateLookup.INVOICE;
    }
}
