package dev.eventcrm.command.company;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssignCompanyOwner(@TargetAggregateIdentifier String companyId, String ownerId, Long expectedVersion)
        implements CompanyCommand {
}
