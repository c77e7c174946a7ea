package dev.eventcrm.standalone;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, killed with SIGKILL right after answering 2xx, restarted on the same data directory: the
 * event is stored, published at least once, and in the read model exactly once.
 */
class StandaloneCrashIT {

    private static final JsonMapper JSON = StandaloneProcess.JSON;

    @TempDir
    Path dataDir;

    private StandaloneProcess app;

    @BeforeEach
    void app() {
        app = new StandaloneProcess(dataDir);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void anEventCommittedBeforeAKillIsPublishedAfterTheRestartAndFoldedOnce() throws Exception {
        // First life: publication switched off, so the commit is certainly not yet in Kafka when the process dies.
        app.start("--crm.publication.enabled=false");
        String contactId = app.command("/api/v1/contacts",
                "{\"name\":\"Ivan\",\"ownerId\":\"m1\"}").path("id").asString();
        String dealId = app.command("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Crash\","
                + "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}").path("id").asString();
        app.killHard();

        // Second life: the relay publishes what the first one committed.
        app.start();
        JsonNode deal = readDeal(dealId, 0);
        assertThat(deal.path("stageHistory").size()).isEqualTo(1);

        // Killed right after a 2xx with publication on: whatever was or was not sent, nothing is lost or doubled.
        app.command("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}");
        app.killHard();

        app.start();
        JsonNode moved = readDeal(dealId, 1);
        assertThat(moved.path("stage").asString()).isEqualTo("PROPOSAL");
        assertThat(moved.path("stageHistory").size()).isEqualTo(2);
        assertThat(kafkaTypesFor(dealId)).containsSubsequence("DealOpened", "DealStageMoved");
        try (MongoClient mongo = MongoClients.create(app.mongoUri())) {
            Long changes = Mono.from(mongo.getDatabase("crm").getCollection("changes")
                    .countDocuments(new Document("aggregateId", dealId))).block();
            assertThat(changes).as("one change-feed entry per event, despite redelivery").isEqualTo(2);
            List<Document> docs = Flux.from(mongo.getDatabase("crm").getCollection("deals")
                    .find(new Document("_id", dealId))).collectList().block();
            assertThat(docs).hasSize(1);
            assertThat(docs.get(0).get("version", Number.class).longValue()).isEqualTo(1);
        }
    }

    private JsonNode readDeal(String dealId, long version) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = app.send(HttpRequest.newBuilder(
                    app.uri("/api/v1/deals/" + dealId + "?minVersion=" + version)).GET().build());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, deal -> deal != null && deal.path("version").asLong() == version);
    }

    private List<String> kafkaTypesFor(String dealId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.kafkaBootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("crm.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> types = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (dealId.equals(record.key())) {
                        types.add(JSON.readTree(record.value()).path("type").asString());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return types;
        }
    }
}
