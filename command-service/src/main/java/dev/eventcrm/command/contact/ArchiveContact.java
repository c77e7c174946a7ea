package dev.eventcrm.command.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveContact(@TargetAggregateIdentifier String contactId, String reason, Long expectedVersion)
        implements ContactCommand {
}
