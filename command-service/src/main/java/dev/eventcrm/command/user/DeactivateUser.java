package dev.eventcrm.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeactivateUser(@TargetAggregateIdentifier String userId, Long expectedVersion) implements UserCommand {
}
