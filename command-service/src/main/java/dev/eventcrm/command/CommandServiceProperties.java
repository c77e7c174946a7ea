package dev.eventcrm.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the command side. Environment variables map by relaxed binding: CRM_EVENTSTORE_URL sets
 * {@code crm.eventstore.url}, CRM_KAFKA_BOOTSTRAP sets {@code crm.kafka.bootstrap}.
 */
@ConfigurationProperties("crm")
public record CommandServiceProperties(
        @DefaultValue EventStore eventstore,
        @DefaultValue Kafka kafka,
        @DefaultValue Publication publication,
        @DefaultValue Commands commands) {

    /** JDBC location of the event store; the default is an H2 file database under ./data. */
    public record EventStore(
            @DefaultValue("jdbc:h2:file:./data/eventstore/crm") String url,
            String username,
            String password,
            @DefaultValue("16") int maxPoolSize) {
    }

    /**
     * @param retention how long the topic keeps events when it is created here (set explicitly rather than left to
     *                  the broker's default): live consumers need only the recent past, since rebuilds and backfills
     *                  read the event store, which is the history
     */
    public record Kafka(
            @DefaultValue("localhost:9092") String bootstrap,
            @DefaultValue("crm.events") String topic,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("7d") Duration retention) {
    }

    /** The relay that publishes stored events to Kafka. */
    public record Publication(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("500ms") Duration idlePoll,
            @DefaultValue("20ms") Duration gapPoll,
            @DefaultValue("60s") Duration gapTimeout,
            @DefaultValue("10s") Duration abandonedGapCheck,
            @DefaultValue("10s") Duration lease) {
    }

    public record Commands(
            /** The actor recorded on events until authentication exists. */
            @DefaultValue("system") String defaultActor,
            @DefaultValue("5m") Duration maxClockSkew) {
    }
}
