package dev.eventcrm.command.publication;

import dev.eventcrm.command.CommandServiceProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The events topic, created on first use when missing (keyed by aggregate id, so partitions keep per-aggregate order). */
public class KafkaTopic {

    private final CommandServiceProperties.Kafka kafka;

    public KafkaTopic(CommandServiceProperties.Kafka kafka) {
        this.kafka = kafka;
    }

    String name() {
        return kafka.topic();
    }

    void ensureExists() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(kafka.topic())) {
                return;
            }
            NewTopic topic = new NewTopic(kafka.topic(), kafka.partitions(), kafka.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(kafka.retention().toMillis())));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
