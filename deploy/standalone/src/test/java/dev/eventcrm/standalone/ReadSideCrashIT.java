package dev.eventcrm.standalone;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON = StandaloneProcess.JSON;
    private static final List<String> STAGES = List.of("QUALIFIED", "PROPOSAL", "NEGOTIATION", "NEW");

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
    void killedWhileTheReadSideIsBehindTheReadModelsEqualARebuildAndTheFeedHoldsEachEventOnce() throws Exception {
        // First life: the read side is off, so every event waits in Kafka.
        app.start("--crm.projections.enabled=false");
        Random random = new Random(5);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            contacts.add(app.command("/api/v1/contacts", "{\"name\":\"C" + i + "\",\"ownerId\":\"m1\"}").path("id").asString());
        }
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deals.add(app.command("/api/v1/deals", "{\"contactId\":\"" + contacts.get(i % contacts.size())
                    + "\",\"title\":\"D" + i + "\",\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},"
                    + "\"ownerId\":\"m1\"}").path("id").asString());
        }
        Map<String, Integer> stage = new TreeMap<>();
        for (int i = 0; i < 700; i++) {
            String deal = deals.get(random.nextInt(deals.size()));
            if (i % 7 == 0) {
                app.command("/api/v1/calls", "{\"contactId\":\"" + contacts.get(random.nextInt(contacts.size()))
                        + "\",\"dealId\":\"" + deal + "\",\"direction\":\"OUTBOUND\",\"outcome\":\"CONNECTED\","
                        + "\"durationSeconds\":0,\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
            } else {
                int next = (stage.getOrDefault(deal, -1) + 1) % STAGES.size();
                stage.put(deal, next);
                app.command("/api/v1/deals/" + deal + "/stage", "{\"stage\":\"" + STAGES.get(next) + "\"}");
            }
        }
        long stored = storedEvents().size();
        app.killHard();

        // Second life: small batches, killed while the read side is part-way through the backlog.
        app.start("--crm.projections.max-batch=50");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> position("change-feed") > 0);
        long reached = position("change-feed");
        app.killHard();
        assertThat(reached).as("killed while behind").isLessThan(stored);

        // Third life: the read side catches up from what the crash left.
        app.start();
        try (MongoClient client = MongoClients.create(app.mongoUri())) {
            MongoDatabase crm = client.getDatabase("crm");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(crm, "changes") == stored && position("deal-board") >= stored
                            && position("contact-card") >= stored && live("deal-board") && live("contact-card"));
            List<String> deals1 = canonical(crm, "deals");
            List<String> contacts1 = canonical(crm, "contacts");

            for (String name : List.of("deal-board", "contact-card")) {
                HttpResponse<String> rebuild = app.send(HttpRequest.newBuilder(
                        app.uri("/api/v1/admin/projections/" + name + "/rebuild"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode status = JSON.readTree(app.get("/api/v1/admin/projections/" + name).body());
                    return "LIVE".equals(status.path("state").asString())
                            && !status.path("rebuild").path("finishedAt").isNull();
                });
            }
            // the documents first, so that a difference shows which one; then their content hash
            List<String> deals2 = canonical(crm, "deals");
            List<String> contacts2 = canonical(crm, "contacts");
            assertThat(deals2).as("deals after the crash = deals rebuilt").containsExactlyElementsOf(deals1);
            assertThat(contacts2).as("contacts after the crash = contacts rebuilt").containsExactlyElementsOf(contacts1);
            assertThat(contentHash(deals2)).isEqualTo(contentHash(deals1));
            assertThat(contentHash(contacts2)).isEqualTo(contentHash(contacts1));

            for (String deal : deals) {
                JsonNode history = JSON.readTree(app.get("/api/v1/aggregates/" + deal + "/events").body());
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

    /** The documents as JSON in _id order, without the write token and with applied sequences sorted. */
    private static List<String> canonical(MongoDatabase database, String collection) {
        List<Document> docs = Flux.from(database.getCollection(collection).find()).collectList().block();
        assertThat(docs).isNotEmpty();
        return docs.stream().sorted(Comparator.comparing(d -> d.getString("_id"))).map(d -> {
            d.remove("rev");
            d.put("applied", d.getList("applied", Document.class).stream()
                    .sorted(Comparator.comparing(a -> a.getString("aggregateId"))).toList());
            return d.toJson();
        }).toList();
    }

    private static String contentHash(List<String> documents) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        documents.forEach(json -> digest.update(json.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long count(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).countDocuments()).blockFirst();
    }

    private List<JsonNode> storedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(app.get("/api/v1/events?afterIndex=" + after + "&limit=1000").body());
            page.path("events").forEach(events::add);
            if (page.path("events").size() < 1000) {
                return events;
            }
            after = page.path("lastIndex").asLong();
        }
    }

    /** No rebuild runs (the one started at startup for a projection without a catalog entry has finished). */
    private boolean live(String projection) throws Exception {
        return "LIVE".equals(JSON.readTree(app.get("/api/v1/admin/projections/" + projection).body()).path("state")
                .asString());
    }

    private long position(String projection) throws Exception {
        return JSON.readTree(app.get("/api/v1/admin/projections/" + projection).body()).path("position").asLong();
    }
}
