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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final int httpPort = TestInfrastructure.freePort();
    private final int kafkaPort = TestInfrastructure.freePort();
    private final int mongoPort = TestInfrastructure.freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void anEventCommittedBeforeAKillIsPublishedAfterTheRestartAndFoldedOnce() throws Exception {
        // First life: publication switched off, so the commit is certainly not yet in Kafka when the process dies.
        start("--crm.publication.enabled=false");
        String contactId = command("/api/v1/contacts",
                "{\"name\":\"Ivan\",\"ownerId\":\"m1\"}").path("id").asString();
        String dealId = command("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Crash\","
                + "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}").path("id").asString();
        killHard();

        // Second life: the relay publishes what the first one committed.
        start();
        JsonNode deal = readDeal(dealId, 0);
        assertThat(deal.path("stageHistory").size()).isEqualTo(1);

        // Killed right after a 2xx with publication on: whatever was or was not sent, nothing is lost or doubled.
        command("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}");
        killHard();

        start();
        JsonNode moved = readDeal(dealId, 1);
        assertThat(moved.path("stage").asString()).isEqualTo("PROPOSAL");
        assertThat(moved.path("stageHistory").size()).isEqualTo(2);
        assertThat(kafkaTypesFor(dealId)).containsSubsequence("DealOpened", "DealStageMoved");
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            Long changes = Mono.from(mongo.getDatabase("crm").getCollection("changes")
                    .countDocuments(new Document("aggregateId", dealId))).block();
            assertThat(changes).as("one change-feed entry per event, despite redelivery").isEqualTo(2);
            List<Document> docs = Flux.from(mongo.getDatabase("crm").getCollection("deals")
                    .find(new Document("_id", dealId))).collectList().block();
            assertThat(docs).hasSize(1);
            assertThat(docs.get(0).get("version", Number.class).longValue()).isEqualTo(1);
        }
    }

    private void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", System.getProperty("crm.standalone.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("standalone.log").toFile()));
        builder.environment().putAll(Map.of(
                "CRM_DATA_DIR", dataDir.toString(),
                "SERVER_PORT", String.valueOf(httpPort),
                "CRM_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort),
                "CRM_EMBEDDED_MONGO_PORT", String.valueOf(mongoPort)));
        builder.environment().remove("CRM_EVENTSTORE_URL");
        builder.environment().remove("CRM_KAFKA_BOOTSTRAP");
        builder.environment().remove("CRM_MONGODB_URI");
        process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("standalone process alive; see " + dataDir.resolve("standalone.log"))
                    .isTrue();
            try {
                return send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build()).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    private void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    private JsonNode command(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private JsonNode readDeal(String dealId, long version) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    uri("/api/v1/deals/" + dealId + "?minVersion=" + version)).GET().build());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, deal -> deal != null && deal.path("version").asLong() == version);
    }

    private List<String> kafkaTypesFor(String dealId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort),
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

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
