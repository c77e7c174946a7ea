package dev.eventcrm.command.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How commands are dispatched ({@code crm.dispatch.*}).
 *
 * @param conflictAttempts         attempts of a command without If-Match that lost a race to a concurrent change,
 *                                 before it is answered 409
 * @param idempotencyRetention     how long an Idempotency-Key and its first answer are kept
 * @param idempotencyPurgeInterval how often expired keys are deleted
 */
@ConfigurationProperties("crm.dispatch")
public record DispatchProperties(
        @DefaultValue("5") int conflictAttempts,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("10m") Duration idempotencyPurgeInterval) {
}
