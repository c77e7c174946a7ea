package dev.eventcrm.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code crm.kafka.*} as read by the projections (env CRM_KAFKA_BOOTSTRAP maps to {@code bootstrap}). */
@ConfigurationProperties("crm.kafka")
public record ProjectionsKafkaProperties(String bootstrap, String topic) {
    public ProjectionsKafkaProperties {
        bootstrap = bootstrap == null || bootstrap.isBlank() ? "localhost:9092" : bootstrap;
        topic = topic == null || topic.isBlank() ? "crm.events" : topic;
    }
}
