package dev.eventcrm.command.call;

import dev.eventcrm.command.CommandServiceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The rule that a call (or another logged activity: a meeting, an e-mail) cannot have happened in the future,
 * allowing for the client's clock running ahead.
 */
@Component
public class CallTime {

    private final Clock clock;
    private final Duration maxClockSkew;

    @Autowired
    CallTime(CommandServiceProperties properties) {
        this(Clock.systemUTC(), properties.commands().maxClockSkew());
    }

    public CallTime(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    public boolean isInTheFuture(Instant occurredAt) {
        return occurredAt.isAfter(clock.instant().plus(maxClockSkew));
    }
}
