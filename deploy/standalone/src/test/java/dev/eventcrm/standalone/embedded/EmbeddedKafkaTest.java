package dev.eventcrm.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final String TOPIC = "crm-events";
    private static final int RECORDS = 300;
    private static final int KEYS = 10;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogging() {
        TestSupport.quietClientLogging();
    }

    @Test
    void kafkaRecordsSurviveABrokerRestart() throws Exception {
        int port = TestSupport.freePort();
        Map<String, List<String>> sentByKey = new LinkedHashMap<>();
        String clusterId;
        int controllerPort;

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port)) {
            System.out.printf("embedded Kafka first start (format) took %d ms%n", kafka.startupTime().toMillis());
            clusterId = kafka.clusterId();
            controllerPort = kafka.controllerPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(), new StringSerializer())) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    String key = "deal-" + (i % KEYS);
                    String value = key + "#" + i;
                    sentByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    acks.add(producer.send(new ProducerRecord<>(TOPIC, key, value)));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS); // every record acknowledged by the broker (acks=all)
                }
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port)) {
            System.out.printf("embedded Kafka restart took %d ms%n", kafka.startupTime().toMillis());
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(kafka.controllerPort()).isEqualTo(controllerPort);

            Map<String, List<String>> receivedByKey = new LinkedHashMap<>();
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO)
                        .untilAsserted(() -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                            assertThat(received).hasSizeGreaterThanOrEqualTo(RECORDS);
                        });
                // nothing beyond what was sent (no duplicates from the idempotent producer)
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(consumer.assignment()).extracting(TopicPartition::partition).containsExactlyInAnyOrder(0, 1, 2);
            }
            received.forEach(r -> receivedByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            assertThat(received).hasSize(RECORDS);
            assertThat(receivedByKey).isEqualTo(sentByKey); // same records, in order per key
        }
    }
}
