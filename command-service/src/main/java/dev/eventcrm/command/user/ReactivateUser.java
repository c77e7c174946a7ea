package dev.eventcrm.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateUser(@TargetAggregateIdentifier String userId, Long expectedVersion) implements UserCommand {
}
