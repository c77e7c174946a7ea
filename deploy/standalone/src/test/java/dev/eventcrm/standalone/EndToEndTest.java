package dev.eventcrm.standalone;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through all three services over HTTP, on real engines: a command becomes an event row, a Kafka record seen by an
 * outside consumer, a MongoDB document seen by an outside client, a query answer and an SSE message.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class EndToEndTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.shared();
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.embedded.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> INFRA.httpPort);
    }

    private static MongoClient mongo;
    private static KafkaConsumer<String, String> kafka;

    @Autowired
    JsonMapper json;

    private final WebClient http = WebClient.create("http://127.0.0.1:" + INFRA.httpPort);

    @BeforeAll
    static void outsideClients() {
        mongo = MongoClients.create(INFRA.mongoUri());
        kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }

    @AfterAll
    static void closeOutsideClients() {
        mongo.close();
        kafka.close();
    }

    @Test
    void aDealTravelsFromCommandsToTheEventStoreKafkaMongoQueriesAndTheStream() throws Exception {
        String contactId = post("/api/v1/contacts", """
                {"name":"Anna Petrova","phones":["+7 912 345-67-89"],"emails":["anna@example.com"],
                 "city":"Yekaterinburg","country":"RU","source":"web","ownerId":"m1"}""").path("id").asString();
        JsonNode opened = post("/api/v1/deals", """
                {"contactId":"%s","title":"Fleet renewal","amount":{"value":"1500.00","currency":"EUR"},
                 "ownerId":"m1","source":"web"}""".formatted(contactId));
        String dealId = opened.path("id").asString();
        assertThat(opened.path("version").asLong()).isZero();
        assertThat(post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}").path("version").asLong())
                .isEqualTo(1);
        assertThat(post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m2\"}").path("version").asLong())
                .isEqualTo(2);
        post("/api/v1/calls", """
                {"contactId":"%s","dealId":"%s","direction":"OUTBOUND","outcome":"CONNECTED","durationSeconds":95,
                 "notes":"demo booked","occurredAt":"2026-11-20T10:15:30Z"}""".formatted(contactId, dealId));

        assertThat(storedEventTypes(dealId)).containsExactly("DealOpened", "DealStageMoved", "DealOwnerAssigned");

        List<JsonNode> records = kafkaRecordsFor(dealId, 3);
        assertThat(records).extracting(r -> r.path("sequence").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(r -> r.path("type").asString())
                .containsExactly("DealOpened", "DealStageMoved", "DealOwnerAssigned");
        JsonNode moved = records.get(1);
        assertThat(moved.path("aggregateType").asString()).isEqualTo("Deal");
        assertThat(moved.path("payload").path("from").asString()).isEqualTo("NEW");
        assertThat(moved.path("payload").path("to").asString()).isEqualTo("QUALIFIED");
        for (String key : List.of("actorId", "channel", "commandId", "correlationId", "causationId", "occurredAt",
                "recordedAt")) {
            assertThat(moved.path("metadata").path(key).asString()).as(key).isNotBlank();
        }
        assertThat(records.get(0).path("payload").path("amount").path("value").asString()).isEqualTo("1500.00");

        Document deal = await().atMost(Duration.ofSeconds(20)).until(() -> Mono.from(mongo.getDatabase("crm")
                .getCollection("deals").find(new Document("_id", dealId)).first()).block(),
                doc -> doc != null && doc.get("version", Number.class).longValue() == 2
                        && doc.get("callCount", Number.class).intValue() == 1);
        assertThat(deal.getString("stage")).isEqualTo("QUALIFIED");
        assertThat(deal.getString("ownerId")).isEqualTo("m2");
        assertThat(deal.getList("stageHistory", Document.class)).hasSize(2);

        JsonNode read = get("/api/v1/deals/" + dealId + "?minVersion=2");
        assertThat(read.path("stage").asString()).isEqualTo("QUALIFIED");
        assertThat(read.path("ownerId").asString()).isEqualTo("m2");
        assertThat(read.path("callCount").asInt()).isEqualTo(1);
        assertThat(read.path("lastCallOutcome").asString()).isEqualTo("CONNECTED");
        assertThat(read.path("amount").path("value").asString()).isEqualTo("1500.00");
        assertThat(read.path("stageHistory").size()).isEqualTo(2);

        JsonNode contact = get("/api/v1/contacts/" + contactId);
        assertThat(contact.path("name").asString()).isEqualTo("Anna Petrova");
        assertThat(contact.path("callCount").asInt()).isEqualTo(1);

        List<ServerSentEvent<String>> stream = stream("?lastEventId=0&aggregateId=" + dealId, null, 3);
        assertThat(stream).extracting(ServerSentEvent::event)
                .containsExactly("DealOpened", "DealStageMoved", "DealOwnerAssigned");
        assertThat(json.readTree(stream.get(2).data()).path("payload").path("newOwnerId").asString()).isEqualTo("m2");

        List<ServerSentEvent<String>> resumed = stream("?aggregateId=" + dealId, stream.get(0).id(), 2);
        assertThat(resumed).extracting(ServerSentEvent::id).containsExactly(stream.get(1).id(), stream.get(2).id());
    }

    @Test
    void aContactIsFoundByItsPhoneTypedInAnyFormatAndShowsTheClientsLocalTime() {
        String owner = "owner-" + UUID.randomUUID();
        String contactId = post("/api/v1/contacts", """
                {"name":"Ёлкина Анна","phones":["8 (912) 765-43-21"],"emails":["elkina@example.com"],
                 "ownerId":"%s"}""".formatted(owner)).path("id").asString();
        JsonNode card = get("/api/v1/contacts/" + contactId + "?minVersion=0"); // waits for the read model
        assertThat(card.path("phones").get(0).path("e164").asString()).isEqualTo("+79127654321");
        assertThat(card.path("phones").get(0).path("typed").asString()).isEqualTo("8 (912) 765-43-21");

        for (String typed : List.of("+7 912 765 43 21", "79127654321", "8 (912) 765-43-21", "912765", "ёлкин",
                "АННА", "elkina@ex")) {
            // encoded here, as a browser would ("+" as %2B), and sent as is
            JsonNode page = json.readTree(http.get().uri(URI.create("http://127.0.0.1:" + INFRA.httpPort
                            + "/api/v1/contacts?ownerId=" + owner + "&q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8)))
                    .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20)));
            assertThat(page.path("items")).as("q=%s", typed).hasSize(1);
            assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(contactId);
        }

        String moscow = post("/api/v1/contacts", """
                {"name":"Landline","phones":["+7 495 123-45-67"],"ownerId":"%s"}""".formatted(owner))
                .path("id").asString();
        JsonNode landline = get("/api/v1/contacts/" + moscow + "?minVersion=0");
        assertThat(landline.path("timeZone").asString()).as("from the number's area").isEqualTo("Europe/Moscow");
        assertThat(landline.path("utcOffset").asString()).isEqualTo("+03:00");
        assertThat(landline.path("localTime").asString()).isNotBlank();
    }

    @Test
    void aCustomPipelinesBoardAddsUpWhatItsDealsWentThrough() {
        String contactId = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Board client\",\"ownerId\":\"m1\"}").path("id").asString();
        String pipelineId = post("/api/v1/pipelines", """
                {"name":"B2B","stages":[{"id":"LEAD","name":"Lead","probability":5,"kind":"OPEN"},
                 {"id":"DEMO","name":"Demo","probability":40,"kind":"OPEN"},
                 {"id":"SIGNED","name":"Signed","probability":100,"kind":"WON"},
                 {"id":"DROPPED","name":"Dropped","probability":0,"kind":"LOST"}]}""").path("id").asString();
        String first = openDeal(contactId, pipelineId, "9000.00", "RUB");
        String second = openDeal(contactId, pipelineId, "1000.50", "RUB");
        String third = openDeal(contactId, pipelineId, "300.00", "EUR");
        post("/api/v1/deals/" + second + "/stage", "{\"stage\":\"DEMO\"}");
        post("/api/v1/deals/" + third + "/stage", "{\"stage\":\"DEMO\"}");
        post("/api/v1/deals/" + first + "/stage", "{\"stage\":\"DROPPED\",\"lossReason\":\"price\"}");
        post("/api/v1/deals/" + first + "/reopen", "{\"stage\":\"DEMO\"}");
        post("/api/v1/deals/" + first + "/stage", "{\"stage\":\"LEAD\"}"); // a regression

        // the counts alone hold right after the three deals were opened too (first in LEAD, the others moved), so
        // wait for the first deal's last move, its regression
        JsonNode board = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/v1/pipelines/" + pipelineId + "/board"),
                answer -> answer.path("stages").size() == 4 && answer.path("stages").get(0).path("count").asInt() == 1
                        && answer.path("stages").get(1).path("count").asInt() == 2
                        && answer.path("stages").get(0).path("deals").path(0).path("regressions").asInt() == 1);
        JsonNode lead = board.path("stages").get(0);
        assertThat(lead.path("totals").get(0).path("amount").asString()).isEqualTo("9000.00");
        assertThat(lead.path("totals").get(0).path("weighted").asString()).isEqualTo("450.00");
        assertThat(lead.path("deals").get(0).path("regressions").asInt()).isEqualTo(1);
        JsonNode demo = board.path("stages").get(1);
        assertThat(demo.path("totals")).extracting(total -> total.path("currency").asString() + " "
                + total.path("amount").asString() + " " + total.path("weighted").asString())
                .containsExactly("EUR 300.00 120.00", "RUB 1000.50 400.20");

        // The same deals in the forecast, through the deal-facts projection: none has an expected close date, so all
        // three are m1's undated ones; RUB 9000.00 at 5 % + 1000.50 at 40 % = 450.00 + 400.20.
        JsonNode forecast = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/v1/reports/forecast?pipelineId=" + pipelineId),
                answer -> answer.path("undated").size() == 1
                        && answer.path("undated").get(0).path("totals").size() == 2
                        && "850.20".equals(answer.path("undated").get(0).path("totals").get(1).path("weighted")
                        .asString()));
        JsonNode undated = forecast.path("undated").get(0);
        assertThat(undated.path("ownerId").asString()).isEqualTo("m1");
        assertThat(undated.path("openDeals").asInt()).isEqualTo(3);
        assertThat(undated.path("totals")).extracting(total -> total.path("currency").asString() + " "
                + total.path("open").asString() + " " + total.path("weighted").asString())
                .containsExactly("EUR 300.00 120.00", "RUB 10000.50 850.20");
    }

    @Test
    void aSavedSegmentsCountFollowsANewCallAtOnce() {
        String city = "Segmented-" + UUID.randomUUID();
        String contactId = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Segment client\",\"ownerId\":\"m1\",\"city\":\"" + city + "\"}").path("id").asString();
        String segmentId = post("/api/v1/segments", "{\"name\":\"Engaged in " + city + "\",\"filter\":{"
                + "\"cities\":[\"" + city + "\"],\"minActivities30d\":1}}").path("id").asString();
        // the command side's POST and the query side's GET share the path in one application
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
                () -> get("/api/v1/segments/" + segmentId), answer -> answer.path("contacts").asInt() == 0);

        post("/api/v1/calls", "{\"contactId\":\"" + contactId + "\",\"direction\":\"OUTBOUND\","
                + "\"outcome\":\"CONNECTED\",\"durationSeconds\":30,\"occurredAt\":\""
                + Instant.now().minusSeconds(60) + "\"}");
        // issue 9: membership counts update live (measured ~40 ms here: the projections' lag, nothing stored per
        // segment); a second is the goal
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(
                () -> get("/api/v1/segments/" + segmentId).path("contacts").asInt() == 1);
    }

    @Test
    void aManagerLeavingHandsOverOnceThoughAskedThreeTimes() {
        String leaver = "leaver-" + UUID.randomUUID();
        String contactId = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Portfolio client\",\"ownerId\":\"" + leaver + "\"}").path("id").asString();
        String dealId = openDeal(contactId, "default", "100.00", "EUR", leaver);
        for (int attempt = 0; attempt < 3; attempt++) {
            JsonNode moved = post("/api/v1/portfolio-transfers",
                    "{\"fromOwnerId\":\"" + leaver + "\",\"toOwnerId\":\"heir\"}");
            assertThat(moved.path("deals").asInt() + moved.path("contacts").asInt()).isEqualTo(attempt == 0 ? 2 : 0);
        }
        assertThat(get("/api/v1/deals/" + dealId + "?minVersion=1").path("ownerId").asString()).isEqualTo("heir");
        assertThat(get("/api/v1/contacts/" + contactId + "?minVersion=1").path("ownerId").asString())
                .isEqualTo("heir");
    }

    @Test
    void aMergedContactsIdReadsAsTheSurvivor() {
        String survivor = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Merge survivor\",\"ownerId\":\"m1\",\"phones\":[\"+7 343 271-00-01\"]}")
                .path("id").asString();
        String duplicate = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Merge duplicate\",\"ownerId\":\"m1\",\"phones\":[\"+7 343 271-00-02\"]}")
                .path("id").asString();
        long version = post("/api/v1/contacts/" + survivor + "/merge", "{\"duplicateId\":\"" + duplicate + "\"}")
                .path("version").asLong();

        JsonNode read = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/v1/contacts/" + duplicate + "?minVersion=" + version),
                answer -> answer.path("id").asString().equals(survivor));
        assertThat(read.path("phones")).extracting(phone -> phone.path("e164").asString())
                .containsExactly("+73432710001", "+73432710002");
    }

    @Test
    void aGapInTheReadModelIsHealedFromTheEventHistoryOverHttp() throws Exception {
        String contactId = post("/api/v1/contacts", "{\"name\":\"Gap\",\"ownerId\":\"m1\"}").path("id").asString();
        String dealId = post("/api/v1/deals", ("{\"contactId\":\"%s\",\"title\":\"Gap\",\"amount\":{\"value\":\"1.00\","
                + "\"currency\":\"EUR\"},\"ownerId\":\"m1\"}").formatted(contactId)).path("id").asString();
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}");
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}");
        get("/api/v1/deals/" + dealId + "?minVersion=2");

        // The read model loses sequences 1 and 2 (as if their records never arrived); then sequence 2 is delivered again.
        MongoCollection<Document> deals = mongo.getDatabase("crm").getCollection("deals");
        Document opened = Mono.from(deals.find(new Document("_id", dealId))).block();
        opened.put("version", 0L);
        opened.put("applied", List.of(new Document("aggregateId", dealId).append("sequence", 0L)));
        opened.put("stage", "NEW");
        opened.put("stageHistory", List.of(opened.getList("stageHistory", Document.class).get(0).append("exitedAt", null)));
        Mono.from(deals.replaceOne(new Document("_id", dealId), opened)).block();
        JsonNode history = json.readTree(http.get().uri("/api/v1/aggregates/{id}/events?fromSequence=2", dealId)
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("crm.events", dealId, history.get(0).toString())).get();
        }

        Document healed = await().atMost(Duration.ofSeconds(20)).until(() -> Mono.from(deals
                .find(new Document("_id", dealId))).block(), doc -> doc.get("version", Number.class).longValue() == 2);
        assertThat(healed.getString("stage")).isEqualTo("PROPOSAL");
        assertThat(healed.getList("stageHistory", Document.class)).extracting(d -> d.getString("stage"))
                .containsExactly("NEW", "QUALIFIED", "PROPOSAL");
    }

    @Test
    void theEventsTopicKeepsEventsForTheConfiguredRetentionNotTheBrokerDefault() throws Exception {
        post("/api/v1/contacts", "{\"name\":\"Retention\",\"ownerId\":\"m1\"}");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "crm.events");
            ConfigEntry retention = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.RETENTION_MS_CONFIG);
            assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(retention.value()).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void theOnePortAnswersProblemsHealthAndMetrics() {
        http.get().uri("/api/v1/deals/{id}", UUID.randomUUID()).exchangeToMono(response -> {
            assertThat(response.statusCode().value()).isEqualTo(404);
            assertThat(response.headers().contentType()).contains(MediaType.APPLICATION_PROBLEM_JSON);
            return Mono.empty();
        }).block();
        http.post().uri("/api/v1/deals").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\":")
                .exchangeToMono(response -> {
                    assertThat(response.statusCode().value()).isEqualTo(400);
                    return Mono.empty();
                }).block();
        assertThat(http.get().uri("/actuator/health").retrieve().bodyToMono(String.class).block()).contains("UP");
        assertThat(http.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block())
                .contains("crm_publication_events");
    }

    private List<String> storedEventTypes(String aggregateId) throws Exception {
        try (Connection connection = DriverManager.getConnection(INFRA.eventStoreUrl());
             PreparedStatement query = connection.prepareStatement("SELECT payloadType FROM DomainEventEntry "
                     + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            query.setString(1, aggregateId);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
            return types;
        }
    }

    private List<JsonNode> kafkaRecordsFor(String key, int count) {
        List<TopicPartition> partitions = kafka.partitionsFor("crm.events").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(json.readTree(record.value()));
                }
            }
            return found.size() >= count;
        });
        return found;
    }

    private List<ServerSentEvent<String>> stream(String query, String lastEventId, int count) {
        return http.get().uri("/api/v1/stream" + query)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(SSE)
                .filter(event -> event.event() != null)
                .take(count)
                .collectList()
                .block(Duration.ofSeconds(20));
    }

    private String openDeal(String contactId, String pipelineId, String amount, String currency) {
        return openDeal(contactId, pipelineId, amount, currency, "m1");
    }

    private String openDeal(String contactId, String pipelineId, String amount, String currency, String ownerId) {
        return post("/api/v1/deals", """
                {"contactId":"%s","title":"Deal","pipelineId":"%s","amount":{"value":"%s","currency":"%s"},
                 "ownerId":"%s"}""".formatted(contactId, pipelineId, amount, currency, ownerId)).path("id").asString();
    }

    private JsonNode post(String path, String body) {
        String answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
        return json.readTree(answer);
    }

    private JsonNode get(String path) {
        return json.readTree(http.get().uri(path).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20)));
    }
}
