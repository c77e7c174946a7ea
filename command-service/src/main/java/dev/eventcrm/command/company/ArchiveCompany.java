package dev.eventcrm.command.company;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveCompany(@TargetAggregateIdentifier String companyId, String reason, Long expectedVersion)
        implements CompanyCommand {
}
