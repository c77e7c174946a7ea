package dev.eventcrm.standalone;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar killed with SIGKILL while the read side is behind and applying batches: after the restart the
 * read models have the same content hash as a rebuild from the event store, every deal's version is its stored
 * history's last sequence, and the change feed replayed from 0 holds each stored event exactly once at dense
 * positions.
 */
class ReadSideCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STAGES = List.of("QUALIFIED", "PROPOSAL", "NEGOTIATION", "NEW");

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
    void killedWhileTheReadSideIsBehindTheReadModelsEqualARebuildAndTheFeedHoldsEachEventOnce() throws Exception {
        // First life: the read side is off, so every event waits in Kafka.
        start("--crm.projections.enabled=false");
        Random random = new Random(5);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            contacts.add(command("/api/v1/contacts", "{\"name\":\"C" + i + "\",\"ownerId\":\"m1\"}").path("id").asString());
        }
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deals.add(command("/api/v1/deals", "{\"contactId\":\"" + contacts.get(i % contacts.size())
                    + "\",\"title\":\"D" + i + "\",\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},"
                    + "\"ownerId\":\"m1\"}").path("id").asString());
        }
        Map<String, Integer> stage = new TreeMap<>();
        for (int i = 0; i < 700; i++) {
            String deal = deals.get(random.nextInt(deals.size()));
            if (i % 7 == 0) {
                command("/api/v1/calls", "{\"contactId\":\"" + contacts.get(random.nextInt(contacts.size()))
                        + "\",\"dealId\":\"" + deal + "\",\"direction\":\"OUTBOUND\",\"outcome\":\"NO_ANSWER\","
                        + "\"durationSeconds\":0,\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
            } else {
                int next = (stage.getOrDefault(deal, -1) + 1) % STAGES.size();
                stage.put(deal, next);
                command("/api/v1/deals/" + deal + "/stage", "{\"stage\":\"" + STAGES.get(next) + "\"}");
            }
        }
        long stored = storedEvents().size();
        killHard();

        // Second life: small batches, killed while the read side is part-way through the backlog.
        start("--crm.projections.max-batch=50");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> position("change-feed") > 0);
        long reached = position("change-feed");
        killHard();
        assertThat(reached).as("killed while behind").isLessThan(stored);

        // Third life: the read side catches up from what the crash left.
        start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoDatabase crm = client.getDatabase("crm");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(crm, "changes") == stored && position("deal-board") >= stored
                            && position("contact-card") >= stored && live("deal-board") && live("contact-card"));
            String deals1 = contentHash(crm, "deals");
            String contacts1 = contentHash(crm, "contacts");

            for (String name : List.of("deal-board", "contact-card")) {
                HttpResponse<String> rebuild = send(HttpRequest.newBuilder(uri("/api/v1/admin/projections/" + name
                        + "/rebuild")).POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode status = JSON.readTree(get("/api/v1/admin/projections/" + name).body());
                    return "LIVE".equals(status.path("state").asString())
                            && !status.path("rebuild").path("finishedAt").isNull();
                });
            }
            assertThat(contentHash(crm, "deals")).as("deals after the crash = deals rebuilt").isEqualTo(deals1);
            assertThat(contentHash(crm, "contacts")).as("contacts after the crash = contacts rebuilt")
                    .isEqualTo(contacts1);

            for (String deal : deals) {
                JsonNode history = JSON.readTree(get("/api/v1/aggregates/" + deal + "/events").body());
                Document doc = Flux.from(crm.getCollection("deals").find(new Document("_id", deal))).blockFirst();
                assertThat(doc.get("version", Number.class).longValue())
                        .isEqualTo(history.get(history.size() - 1).path("sequence").asLong());
            }
            List<Document> feed = Flux.from(crm.getCollection("changes").find()).collectList().block();
            Set<String> storedIds = storedEvents().stream().map(e -> e.path("eventId").asString())
                    .collect(Collectors.toSet());
            assertThat(feed).extracting(d -> d.getString("eventId")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(storedIds);
            assertThat(feed).extracting(d -> d.get("position", Number.class).longValue())
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, stored).boxed().toList());
        }
    }

    /** SHA-256 over the documents in _id order, without the write token and with applied sequences sorted. */
    private static String contentHash(MongoDatabase database, String collection) throws Exception {
        List<Document> docs = Flux.from(database.getCollection(collection).find()).collectList().block();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        docs.stream().sorted(Comparator.comparing(d -> d.getString("_id"))).forEach(d -> {
            d.remove("rev");
            d.put("applied", d.getList("applied", Document.class).stream()
                    .sorted(Comparator.comparing(a -> a.getString("aggregateId"))).toList());
            digest.update(d.toJson().getBytes(StandardCharsets.UTF_8));
        });
        assertThat(docs).isNotEmpty();
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long count(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).countDocuments()).blockFirst();
    }

    private List<JsonNode> storedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(get("/api/v1/events?afterIndex=" + after + "&limit=1000").body());
            page.path("events").forEach(events::add);
            if (page.path("events").size() < 1000) {
                return events;
            }
            after = page.path("lastIndex").asLong();
        }
    }

    /** No rebuild runs (the one started at startup for a projection without a catalog entry has finished). */
    private boolean live(String projection) throws Exception {
        return "LIVE".equals(JSON.readTree(get("/api/v1/admin/projections/" + projection).body()).path("state")
                .asString());
    }

    private long position(String projection) throws Exception {
        return JSON.readTree(get("/api/v1/admin/projections/" + projection).body()).path("position").asLong();
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
                return get("/actuator/health").statusCode() == 200;
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

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
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
