package dev.eventcrm.command.company;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestoreCompany(@TargetAggregateIdentifier String companyId, Long expectedVersion)
        implements CompanyCommand {
}
