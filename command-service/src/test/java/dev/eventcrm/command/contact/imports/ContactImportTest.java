package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.EventStoreUnderTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CSV import of contacts over HTTP, against a real event store (PostgreSQL when CRM_TEST_POSTGRES_URL is set, else
 * H2): the per-row report, the stored events, re-import, a large file and refused input.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false",
                "crm.imports.progress-interval=100ms",
                "crm.imports.max-file-size=1MB"})
@AutoConfigureWebTestClient(timeout = "30s")
class ContactImportTest {

    static final String EVENT_STORE = EventStoreUnderTest.freshUrl("imports");

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        registry.add("crm.eventstore.url", () -> EVENT_STORE);
    }

    private static final String CREATED = "dev.eventcrm.events.contact.ContactCreated";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    ContactImports imports;
    @Autowired
    CommandDispatcher dispatcher;

    /** BOM, semicolons, quotes with separators and a line break, bad rows, duplicates, an empty line. */
    private static String messyFile(String basePhone) {
        return "\uFEFFФИО;Телефон;E-mail;Компания;Город;Ответственный;Комментарий\r\n"
                + "\"Петрова; Анна\";\"8 (912) 345-67-89, +7 912 345-67-80\";anna.import@example.com;"
                + "\"ООО \"\"Ромашка\"\"\";Пермь;m1;\"first line\nsecond; line\"\r\n"      // row 2: accepted
                + "Иван Иванов;12345;;;Омск;m1;\r\n"                                           // row 3: bad phone
                + ";+7 912 111-11-11;;;;m1;\r\n"                                               // row 4: no name
                + "\r\n"                                                                       // row 5: skipped
                + "Анна П.;+7 (912) 345-67-89;;;;m2;\r\n"                                      // row 6: = row 2
                + "Base Person;" + basePhone + ";;;;m1;\r\n"                                   // row 7: = the base
                + "Без Телефона;;;;Казань;m1;\r\n"                                             // row 8: accepted
                + "без  телефона;;;;казань;m3;\r\n"                                            // row 9: = row 8
                + "Мария;;MARIA.import@example.com;;;;\r\n";                                   // row 10: accepted
    }

    @Test
    void aMessyFileIsImportedRowByRowWithAReportAndItsEventsOnTheImportChannel() {
        String baseId = createContact("Base", "+7 912 000-00-01");
        long createdBefore = created();
        byte[] file = messyFile("89120000001").getBytes(StandardCharsets.UTF_8);

        String importId = importCsv(file, "?ownerId=m9");
        JsonNode report = awaitEnd(importId);

        assertThat(report.path("state").asString()).isEqualTo("DONE");
        assertThat(counts(report)).containsExactly(8L, 3L, 3L, 2L, 1L);
        assertThat(report.path("totalRows").asLong()).isEqualTo(8);
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.path("row").asLong() + " " + e.path("column").asString()
                + ": " + e.path("reason").asString()));
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("3 Телефон: \"12345\" is not a valid phone number");
        assertThat(errors.get(1)).isEqualTo("4 ФИО: must not be blank");
        assertThat(report.path("errorsOmitted").asLong()).isZero();

        List<String> acceptedIds = new ArrayList<>();
        List<Long> acceptedRows = new ArrayList<>();
        report.path("acceptedRows").forEach(row -> {
            acceptedRows.add(row.path("row").asLong());
            acceptedIds.add(row.path("id").asString());
        });
        assertThat(acceptedRows).containsExactly(2L, 8L, 10L);
        List<String> duplicates = new ArrayList<>();
        report.path("duplicatesFound").forEach(row -> duplicates.add(row.path("row").asLong() + "->"
                + row.path("existingId").asString()));
        assertThat(duplicates).containsExactly("6->" + acceptedIds.get(0), "7->" + baseId, "9->" + acceptedIds.get(1));

        // one ContactCreated per accepted row, on the import channel, by the request's actor, under one correlation
        assertThat(created()).isEqualTo(createdBefore + 3);
        for (String contactId : acceptedIds) {
            JsonNode events = events(contactId);
            assertThat(events.size()).isEqualTo(1);
            assertThat(events.get(0).path("type").asString()).isEqualTo("ContactCreated");
            assertThat(events.get(0).path("metadata").path("channel").asString()).isEqualTo("IMPORT");
            assertThat(events.get(0).path("metadata").path("actorId").asString()).isEqualTo("u-7");
            assertThat(events.get(0).path("metadata").path("correlationId").asString()).isEqualTo("corr-import");
        }
        JsonNode anna = events(acceptedIds.get(0)).get(0).path("payload");
        assertThat(anna.path("personal").path("name").asString()).isEqualTo("Петрова; Анна");
        assertThat(anna.path("personal").path("phoneNumbers").findValuesAsString("e164"))
                .containsExactly("+79123456789", "+79123456780");
        assertThat(anna.path("ownerId").asString()).isEqualTo("m1");
        assertThat(anna.path("city").asString()).isEqualTo("Пермь");
        assertThat(events(acceptedIds.get(2)).get(0).path("payload").path("ownerId").asString()).isEqualTo("m9");

        JsonNode importEvents = events(importId);
        assertThat(importEvents.get(0).path("type").asString()).isEqualTo("ContactImportStarted");
        assertThat(importEvents.get(0).path("aggregateType").asString()).isEqualTo("ContactImport");
        assertThat(importEvents.get(0).path("payload").path("columns").path("Компания").asString())
                .isEqualTo("company");
        JsonNode finished = importEvents.get(importEvents.size() - 1);
        assertThat(finished.path("type").asString()).isEqualTo("ContactImportFinished");
        assertThat(finished.path("payload").path("state").asString()).isEqualTo("DONE");
        assertThat(finished.path("payload").path("accepted").asLong()).isEqualTo(3);
        importEvents.forEach(event -> {
            assertThat(event.path("metadata").path("channel").asString()).isEqualTo("IMPORT");
            assertThat(event.path("metadata").path("correlationId").asString()).isEqualTo("corr-import");
        });

        // the same file again: every row it created is found, by phone, e-mail or (row 8) its name-based id
        JsonNode again = awaitEnd(importCsv(file, "?ownerId=m9"));
        assertThat(counts(again)).containsExactly(8L, 0L, 6L, 2L, 1L);
        assertThat(created()).isEqualTo(createdBefore + 3);
    }

    @Test
    void theCompanyColumnLinksContactsToTheCompanyOfThatNameOrOneCreatedOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] created = http.post().uri("/api/v1/companies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"ООО «Ромашка " + run + "»\",\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String existing = json.readTree(created).path("id").asString();
        String file = "Имя;Компания;Менеджер\n"
                + "Анна " + run + ";ооо \"ромашка " + run + "\";m1\n"
                + "Борис " + run + ";Лютик " + run + ";m1\n"
                + "Вера " + run + ";ЛЮТИК  " + run + ";m1\n";

        JsonNode report = awaitEnd(importCsv(bytes(file), ""));

        assertThat(counts(report)).containsExactly(3L, 3L, 0L, 0L, 0L);
        List<String> companies = new ArrayList<>();
        report.path("acceptedRows").forEach(row -> companies.add(events(row.path("id").asString())
                .get(0).path("payload").path("companyId").asString()));
        assertThat(companies.get(0)).isEqualTo(existing);
        assertThat(companies.get(1)).isNotEqualTo(existing).isEqualTo(companies.get(2));
        JsonNode createdCompany = events(companies.get(1)).get(0);
        assertThat(createdCompany.path("payload").path("name").asString()).isEqualTo("Лютик " + run);
        assertThat(createdCompany.path("metadata").path("channel").asString()).isEqualTo("IMPORT");

        // a second import of the file creates no second company
        awaitEnd(importCsv(bytes(file), ""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM company_name WHERE name_key = ?", Long.class,
                "лютик " + run)).isEqualTo(1L);
    }

    @Test
    void aTenThousandRowFileCompletesWithTheRightCountsAndProgressOnTheWay() {
        StringBuilder csv = new StringBuilder("name,phone,email,owner\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 10_000; i++) {
            // every 100th row repeats the previous row's phone number in another format
            String phone = i % 100 == 99 ? "8913" + String.format("%07d", i - 1) : "+7913" + String.format("%07d", i);
            csv.append("Person ").append(i).append(',').append(phone).append(",p").append(i).append('.').append(run)
                    .append("@example.com,m1\n");
        }
        long createdBefore = created();

        String importId = importCsv(csv.toString().getBytes(StandardCharsets.UTF_8), "");
        JsonNode report = awaitEnd(importId);

        assertThat(report.path("state").asString()).isEqualTo("DONE");
        assertThat(counts(report)).containsExactly(10_000L, 9_900L, 100L, 0L, 0L);
        assertThat(report.path("acceptedRows").size()).isEqualTo(1000);
        assertThat(report.path("acceptedOmitted").asLong()).isEqualTo(8_900);
        assertThat(created()).isEqualTo(createdBefore + 9_900);
        List<Long> progress = new ArrayList<>();
        events(importId).forEach(event -> {
            if (event.path("type").asString().equals("ContactImportProgressed")) {
                progress.add(event.path("payload").path("rows").asLong());
            }
        });
        assertThat(progress).isNotEmpty().isSorted().allMatch(rows -> rows > 0 && rows <= 10_000);
    }

    @Test
    void aFormUploadWithAnExplicitMappingImportsTheFile() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource("Клиент;Номер;Менеджер\nОльга Form;+7 914 555-44-33;m4\n"
                .getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "clients.csv";
            }
        }).contentType(MediaType.parseMediaType("text/csv"));
        form.part("mapping", "{\"Клиент\":\"name\",\"Номер\":\"phone\"}");

        byte[] body = http.post().uri("/api/v1/imports/contacts").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(form.build())).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        JsonNode report = awaitEnd(json.readTree(body).path("id").asString());

        assertThat(report.path("fileName").asString()).isEqualTo("clients.csv");
        assertThat(counts(report)).containsExactly(1L, 1L, 0L, 0L, 0L);
        String contactId = report.path("acceptedRows").get(0).path("id").asString();
        assertThat(events(contactId).get(0).path("payload").path("ownerId").asString()).isEqualTo("m4");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        long imports = jdbc.queryForObject("SELECT COUNT(*) FROM contact_import", Long.class);

        assertRefused(csv("Имя;Телефон\nИван;8912\n".getBytes(Charset.forName("windows-1251")), ""), 400, "file");
        assertRefused(csv(new byte[0], "?ownerId=m1"), 400, "file");
        assertRefused(csv(bytes("Client;Tel\nIvan;+79120000000\n"), "?ownerId=m1"), 400, "file");
        assertRefused(csv(bytes("name,\"phone\nIvan,1\n"), "?ownerId=m1"), 400, "file");
        assertRefused(csv(bytes("name,phone\nIvan,+79120000000\n"), ""), 400, "ownerId");
        assertRefused(csv(bytes("Client,Tel\nIvan,+79120000000\n"), "?ownerId=m1&mapping={m}", "{nope"), 400,
                "mapping");
        assertRefused(csv(bytes("Client,Tel\nIvan,+79120000000\n"), "?ownerId=m1&mapping={m}",
                "{\"Client\":\"surname\"}"), 400, "mapping.Client");
        assertRefused(csv(bytes("name\n" + "x".repeat(1024 * 1024 + 1)), "?ownerId=m1"), 413, "file");
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("mapping", "{}");
        assertRefused(http.post().uri("/api/v1/imports/contacts").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(noFile.build())), 400, "file");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_import", Long.class)).isEqualTo(imports);
        http.get().uri("/api/v1/imports/{id}", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found");
    }

    @Test
    void anImportWhoseInstanceStoppedIsFailedByTheWatchdogAndALiveOneIsNot() throws Exception {
        // recorded as started by another instance, which then crashed: no job here runs them
        String lost = startElsewhere();
        String live = startElsewhere();
        jdbc.update("UPDATE contact_import SET rows_read = 120, accepted = 100, rejected = 20, heartbeat_at = ? "
                + "WHERE import_id = ?", Timestamp.from(Instant.now().minus(Duration.ofMinutes(2))), lost);

        imports.watch();

        JsonNode report = status(lost);
        assertThat(report.path("state").asString()).isEqualTo("FAILED");
        assertThat(report.path("failure").asString()).startsWith("interrupted");
        assertThat(counts(report)).containsExactly(120L, 100L, 0L, 20L, 0L);
        JsonNode finished = events(lost).get(1);
        assertThat(finished.path("type").asString()).isEqualTo("ContactImportFinished");
        assertThat(finished.path("payload").path("state").asString()).isEqualTo("FAILED");
        assertThat(finished.path("payload").path("accepted").asLong()).isEqualTo(100);
        assertThat(status(live).path("state").asString()).isEqualTo("RUNNING");
    }

    private String startElsewhere() throws Exception {
        String importId = UUID.randomUUID().toString();
        dispatcher.sendAndWait(new ImportCommands.StartContactImport(importId, "lost.csv", 500, Map.of("ФИО", "name")),
                new CommandDispatcher.CommandOrigin("u-1", ContactImports.CHANNEL, importId), Instant.now());
        return importId;
    }

    private JsonNode status(String importId) {
        return json.readTree(http.get().uri("/api/v1/imports/{id}", importId).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    private void assertRefused(WebTestClient.RequestHeadersSpec<?> request, int status, String field) {
        request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private WebTestClient.RequestHeadersSpec<?> csv(byte[] body, String query, Object... variables) {
        return http.post().uri("/api/v1/imports/contacts" + query, variables)
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String importCsv(byte[] file, String query) {
        byte[] body = csv(file, query).header("X-Actor-Id", "u-7").header("X-Correlation-Id", "corr-import")
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.id").isNotEmpty().returnResult().getResponseBody();
        return json.readTree(body).path("id").asString();
    }

    private JsonNode awaitEnd(String importId) {
        AtomicReference<JsonNode> report = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            report.set(status(importId));
            return !report.get().path("state").asString().equals("RUNNING");
        });
        return report.get();
    }

    /** rows, accepted, duplicates, rejected, skipped */
    private static List<Long> counts(JsonNode report) {
        return List.of(report.path("rows").asLong(), report.path("accepted").asLong(),
                report.path("duplicates").asLong(), report.path("rejected").asLong(), report.path("skipped").asLong());
    }

    private JsonNode events(String aggregateId) {
        return json.readTree(http.get().uri("/api/v1/aggregates/{id}/events", aggregateId).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private long created() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType = ?", Long.class, CREATED);
    }

    private String createContact(String name, String phone) {
        byte[] body = http.post().uri("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"phones\":[\"" + phone + "\"],\"ownerId\":\"m1\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json.readTree(body).path("id").asString();
    }
}
