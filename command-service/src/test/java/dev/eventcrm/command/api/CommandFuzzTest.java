package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.events.task.TaskReminderDue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the command API from each route's request schema: thousands of malformed and boundary requests
 * (wrong JSON types, boundary numbers, hostile text, unknown and duplicate keys, broken JSON and UTF-8, bad headers).
 * Every answer must be 2xx (the mutation happened to be valid) or a 4xx problem+json; a 4xx stores no event.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-fuzz;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class CommandFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2500);

    /** Field kinds of the request schemas. */
    enum Kind { TEXT, ID, INT, ENUM, INSTANT, MONEY, TEXT_LIST, DATE, STAGES, SEGMENT_FILTER }

    record Route(HttpMethod method, String path, Map<String, Kind> fields, Map<String, Object> valid) {

        Route(String path, Map<String, Kind> fields, Map<String, Object> valid) {
            this(HttpMethod.POST, path, fields, valid);
        }
    }

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    private final Random random = new Random(SEED);
    private String contactId;
    private String duplicateId;
    private String dealId;
    private String pipelineId;
    private String taskId;
    private String invoiceId;
    private String managerId;
    private String quotaId;
    private String segmentId;

    @BeforeEach
    void records() {
        contactId = id(send("/api/v1/contacts", "{\"name\":\"Anna\",\"ownerId\":\"m1\"}", Map.of()));
        duplicateId = id(send("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Anna\",\"ownerId\":\"m1\"}",
                Map.of()));
        dealId = id(send("/api/v1/deals", json.writeValueAsString(deal()), Map.of()));
        pipelineId = id(send("/api/v1/pipelines", json.writeValueAsString(pipeline()), Map.of()));
        taskId = id(send("/api/v1/tasks", json.writeValueAsString(task()), Map.of()));
        invoiceId = id(send("/api/v1/invoices", json.writeValueAsString(invoice("INV-" + UUID.randomUUID())),
                Map.of()));
        managerId = id(send("/api/v1/users", json.writeValueAsString(Map.of("id", "fuzz-" + UUID.randomUUID(),
                "displayName", "Fuzz Manager", "role", "manager")), Map.of()));
        quotaId = id(send("/api/v1/quotas", json.writeValueAsString(quota()), Map.of()));
        segmentId = id(send("/api/v1/segments", json.writeValueAsString(segment()), Map.of()));
    }

    @Test
    void noInputIsAServerErrorAndNoRejectedCommandStoresAnEvent() {
        List<Route> routes = routes();
        int rejected = 0;
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Route route = routes.get(random.nextInt(routes.size()));
            Map<String, String> headers = random.nextInt(6) == 0 ? badHeader() : Map.of();
            String body = mutate(route);
            long before = events();
            EntityExchangeResult<byte[]> result = random.nextInt(40) == 0
                    ? sendBytes(route, brokenUtf8(body))
                    : send(route, body, headers);
            int status = result.getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            String context = "seed " + SEED + ", request " + i + ": " + route.method() + " " + route.path() + " "
                    + headers + " " + body;
            assertThat(status).as(context).isLessThan(500);
            if (status >= 400) {
                rejected++;
                assertThat(result.getResponseHeaders().getContentType()).as(context)
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(events()).as("no event for a rejected command; " + context).isEqualTo(before);
            }
        }
        assertThat(rejected).as("statuses " + statuses).isGreaterThan(REQUESTS / 2);
    }

    private List<Route> routes() {
        Map<String, Kind> contact = new LinkedHashMap<>();
        contact.put("name", Kind.TEXT);
        contact.put("phones", Kind.TEXT_LIST);
        contact.put("emails", Kind.TEXT_LIST);
        contact.put("city", Kind.TEXT);
        contact.put("ownerId", Kind.ID);
        contact.put("timeZone", Kind.TEXT);
        Map<String, Kind> deal = new LinkedHashMap<>();
        deal.put("contactId", Kind.ID);
        deal.put("title", Kind.TEXT);
        deal.put("amount", Kind.MONEY);
        deal.put("ownerId", Kind.ID);
        Map<String, Kind> call = new LinkedHashMap<>();
        call.put("contactId", Kind.ID);
        call.put("dealId", Kind.ID);
        call.put("direction", Kind.ENUM);
        call.put("outcome", Kind.ENUM);
        call.put("durationSeconds", Kind.INT);
        call.put("notes", Kind.TEXT);
        call.put("occurredAt", Kind.INSTANT);
        Map<String, Kind> task = new LinkedHashMap<>();
        task.put("type", Kind.ENUM);
        task.put("dueAt", Kind.INSTANT);
        task.put("assigneeId", Kind.ID);
        task.put("contactId", Kind.ID);
        task.put("dealId", Kind.ID);
        task.put("note", Kind.TEXT);
        Map<String, Kind> invoice = new LinkedHashMap<>();
        invoice.put("dealId", Kind.ID);
        invoice.put("number", Kind.TEXT);
        invoice.put("amount", Kind.MONEY);
        invoice.put("dueDate", Kind.DATE);
        Map<String, Object> validCall = new LinkedHashMap<>(Map.of("contactId", contactId, "dealId", dealId,
                "direction", "OUTBOUND", "outcome", "CONNECTED", "durationSeconds", 30, "notes", "ok",
                "occurredAt", "2026-01-01T10:00:00Z"));
        Map<String, Kind> meeting = new LinkedHashMap<>();
        meeting.put("contactId", Kind.ID);
        meeting.put("dealId", Kind.ID);
        meeting.put("occurredAt", Kind.INSTANT);
        meeting.put("subject", Kind.TEXT);
        meeting.put("result", Kind.TEXT);
        Map<String, Kind> email = new LinkedHashMap<>();
        email.put("contactId", Kind.ID);
        email.put("dealId", Kind.ID);
        email.put("direction", Kind.ENUM);
        email.put("subject", Kind.TEXT);
        email.put("occurredAt", Kind.INSTANT);
        Map<String, Kind> note = new LinkedHashMap<>();
        note.put("contactId", Kind.ID);
        note.put("dealId", Kind.ID);
        note.put("text", Kind.TEXT);
        return List.of(
                new Route("/api/v1/meetings", meeting, Map.of("contactId", contactId, "dealId", dealId,
                        "occurredAt", "2026-01-01T10:00:00Z", "subject", "Demo", "result", "pilot agreed")),
                new Route("/api/v1/emails", email, Map.of("contactId", contactId, "dealId", dealId,
                        "direction", "INBOUND", "subject", "Re: offer", "occurredAt", "2026-01-01T10:00:00Z")),
                new Route("/api/v1/notes", note, Map.of("contactId", contactId, "dealId", dealId, "text", "hi")),
                new Route("/api/v1/contacts", contact, Map.of("name", "Anna", "phones", List.of("+79123456789"),
                        "emails", List.of("a@example.com"), "city", "Perm", "ownerId", "m1")),
                new Route("/api/v1/deals", deal, deal()),
                new Route("/api/v1/calls", call, validCall),
                new Route("/api/v1/deals/" + dealId + "/stage", Map.of("stage", Kind.ENUM), Map.of("stage", "QUALIFIED")),
                new Route("/api/v1/deals/" + dealId + "/owner", Map.of("ownerId", Kind.ID), Map.of("ownerId", "m7")),
                new Route("/api/v1/deals/" + contactId + "/stage", Map.of("stage", Kind.ENUM), Map.of("stage", "WON")),
                new Route("/api/v1/contacts/" + contactId + "/archive", Map.of("reason", Kind.TEXT),
                        Map.of("reason", "moved")),
                new Route("/api/v1/pipelines", Map.of("name", Kind.TEXT, "stages", Kind.STAGES), pipeline()),
                new Route("/api/v1/pipelines/" + pipelineId + "/stages", Map.of("id", Kind.ID, "name", Kind.TEXT,
                        "probability", Kind.INT, "kind", Kind.ENUM), Map.of("id", "TRIAL", "name", "Trial",
                        "probability", 50, "kind", "OPEN")),
                new Route(HttpMethod.PATCH, "/api/v1/deals/" + dealId, Map.of("title", Kind.TEXT, "amount",
                        Kind.MONEY, "expectedCloseDate", Kind.DATE), Map.of("title", "Renewal",
                        "expectedCloseDate", "2026-12-31")),
                new Route(HttpMethod.PATCH, "/api/v1/contacts/" + contactId, Map.of("name", Kind.TEXT,
                        "phones", Kind.TEXT_LIST, "emails", Kind.TEXT_LIST, "city", Kind.TEXT, "timeZone",
                        Kind.TEXT), Map.of("city", "Kazan", "timeZone", "Europe/Moscow")),
                new Route("/api/v1/deals/" + dealId + "/reopen", Map.of("stage", Kind.ENUM), Map.of("stage", "NEW")),
                new Route("/api/v1/contacts/" + contactId + "/merge", Map.of("duplicateId", Kind.ID),
                        Map.of("duplicateId", duplicateId)),
                new Route("/api/v1/portfolio-transfers", Map.of("fromOwnerId", Kind.ID, "toOwnerId", Kind.ID),
                        Map.of("fromOwnerId", "m7", "toOwnerId", "m8")),
                new Route("/api/v1/users", Map.of("id", Kind.ID, "displayName", Kind.TEXT, "teamId", Kind.ID,
                        "role", Kind.TEXT, "timeZone", Kind.TEXT), Map.of("id", "u-fuzz", "displayName", "Fuzz",
                        "role", "manager", "timeZone", "Europe/Moscow")),
                new Route("/api/v1/companies", Map.of("name", Kind.TEXT, "phones", Kind.TEXT_LIST, "inn",
                        Kind.TEXT, "ownerId", Kind.ID), Map.of("name", "Acme", "ownerId", "m1")),
                new Route("/api/v1/tasks", task, task()),
                new Route("/api/v1/tasks/" + taskId + "/reschedule", Map.of("dueAt", Kind.INSTANT),
                        Map.of("dueAt", "2026-12-02T10:00:00Z")),
                new Route("/api/v1/tasks/" + taskId + "/assignee", Map.of("assigneeId", Kind.ID),
                        Map.of("assigneeId", "m7")),
                new Route("/api/v1/tasks/" + taskId + "/complete", Map.of("result", Kind.TEXT),
                        Map.of("result", "done")),
                new Route("/api/v1/tasks/" + taskId + "/cancel", Map.of("reason", Kind.TEXT),
                        Map.of("reason", "not needed")),
                new Route("/api/v1/tasks/" + dealId + "/complete", Map.of("result", Kind.TEXT),
                        Map.of("result", "a deal's id")),
                // the valid body's number is taken after its first use: a 409 that must store nothing either
                new Route("/api/v1/invoices", invoice, invoice("INV-fuzz-" + UUID.randomUUID())),
                new Route("/api/v1/invoices/" + invoiceId + "/payment", Map.of("paidOn", Kind.DATE),
                        Map.of("paidOn", "2026-11-28")),
                new Route("/api/v1/quotas", Map.of("managerId", Kind.ID, "period", Kind.ENUM, "metric", Kind.ENUM,
                        "target", Kind.INT, "currency", Kind.TEXT), quota()),
                new Route(HttpMethod.PUT, "/api/v1/quotas/" + quotaId + "/target", Map.of("target", Kind.INT,
                        "currency", Kind.TEXT), Map.of("target", 60000, "currency", "EUR")),
                new Route("/api/v1/segments", Map.of("name", Kind.TEXT, "filter", Kind.SEGMENT_FILTER), segment()),
                new Route(HttpMethod.PUT, "/api/v1/segments/" + segmentId, Map.of("name", Kind.TEXT,
                        "filter", Kind.SEGMENT_FILTER), segment()),
                // the valid body replaces the month's amount after its first use, then stores nothing
                new Route("/api/v1/marketing-spend", Map.of("source", Kind.TEXT, "period", Kind.DATE,
                        "amount", Kind.MONEY), Map.of("source", "fuzz-ads", "period", "2026-11",
                        "amount", Map.of("value", "3000.00", "currency", "EUR"))));
    }

    private Map<String, Object> segment() {
        return new LinkedHashMap<>(Map.of("name", "Busy German champions", "filter", Map.of(
                "rfmSegments", List.of("champions"), "lifecycles", List.of("customer"), "countries", List.of("DE"),
                "minActivities30d", 1, "maxActivities90d", 20)));
    }

    private Map<String, Object> quota() {
        return new LinkedHashMap<>(Map.of("managerId", managerId, "period", "month", "metric", "revenue_won",
                "target", 50000, "currency", "EUR"));
    }

    private Map<String, Object> invoice(String number) {
        return new LinkedHashMap<>(Map.of("dealId", dealId, "number", number,
                "amount", Map.of("value", "100.00", "currency", "EUR"), "dueDate", "2026-11-30"));
    }

    private Map<String, Object> pipeline() {
        return new LinkedHashMap<>(Map.of("name", "B2B", "stages", List.of(
                Map.of("id", "LEAD", "name", "Lead", "probability", 5, "kind", "OPEN"),
                Map.of("id", "SIGNED", "name", "Signed", "probability", 100, "kind", "WON"),
                Map.of("id", "DROPPED", "name", "Dropped", "probability", 0, "kind", "LOST"))));
    }

    private Map<String, Object> task() {
        return new LinkedHashMap<>(Map.of("type", "CALL", "dueAt", "2026-12-01T10:00:00Z", "assigneeId", "m1",
                "contactId", contactId, "dealId", dealId, "note", "call back"));
    }

    private Map<String, Object> deal() {
        return new LinkedHashMap<>(Map.of("contactId", contactId, "title", "Fleet",
                "amount", Map.of("value", "100.00", "currency", "EUR"), "ownerId", "m1"));
    }

    /** A valid body with one to three mutations, serialised; some mutations only exist in the text. */
    private String mutate(Route route) {
        Map<String, Object> body = new LinkedHashMap<>(route.valid());
        List<String> names = new ArrayList<>(route.fields().keySet());
        String textual = null;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String field = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> body.remove(field);
                case 1 -> body.put(field, wrongType(route.fields().get(field)));
                case 2 -> body.put(field, boundary(route.fields().get(field)));
                case 3 -> body.put(field, hostileText());
                case 4 -> body.put("x" + random.nextInt(3), "unknown");
                default -> textual = field;
            }
        }
        String text = json.writeValueAsString(body);
        if (textual != null) {
            text = switch (random.nextInt(4)) {
                case 0 -> text.replaceFirst("\\{", "{\"" + textual + "\":\"dup\",");
                case 1 -> text.substring(0, random.nextInt(text.length()));
                case 2 -> text + (random.nextBoolean() ? "{}" : ",");
                default -> text.replace("\"" + textual + "\":\"", "\"" + textual + "\":\"\\u0000");
            };
        }
        return text;
    }

    private Object wrongType(Kind kind) {
        List<Object> candidates = new ArrayList<>(List.of(123, 1.5, true, List.of("a"), Map.of("a", 1), "text"));
        candidates.add(null);
        Object value = candidates.get(random.nextInt(candidates.size()));
        return kind == Kind.TEXT && value instanceof String ? 42 : value;
    }

    private Object boundary(Kind kind) {
        Function<Integer, String> repeat = n -> "a".repeat(n);
        List<Object> values = switch (kind) {
            case INT -> List.of(-1, 0, Integer.MAX_VALUE, 2147483648L, Long.MAX_VALUE, 1e308, -0.0);
            case TEXT, ID -> List.of("", " ", repeat.apply(101), repeat.apply(4001), repeat.apply(70_000));
            case ENUM -> List.of("", "connected", "SIGNED", "WON ", repeat.apply(300));
            case INSTANT -> List.of("2999-01-01T00:00:00Z", "yesterday", "0000-01-01T00:00:00Z", 1_700_000_000);
            case MONEY -> List.of(Map.of("value", "-1", "currency", "EUR"), Map.of("value", "1e400", "currency",
                    "EUR"), Map.of("value", "1.00", "currency", "euro"), Map.of("value", 1.005, "currency", "EUR"));
            case TEXT_LIST -> List.of(List.of(), List.of(""), java.util.Collections.nCopies(21, "x"));
            case DATE -> List.of("2026-02-30", "31.12.2026", 20261231, "", "+999999999-12-31");
            case STAGES -> List.of(List.of(), List.of(Map.of("id", "A", "name", "A", "probability", 5, "kind",
                    "OPEN")), List.of(Map.of("id", "A b", "name", "A", "probability", 140, "kind", "OPEN")),
                    List.of("LEAD"), java.util.Collections.nCopies(51, Map.of("id", "A", "name", "A",
                            "probability", 5, "kind", "WON")));
            case SEGMENT_FILTER -> List.of(Map.of(), Map.of("rfmSegments", List.of("whales")),
                    Map.of("lifecycles", List.of(7)), Map.of("countries", List.of("")),
                    Map.of("minActivities30d", -1), Map.of("minActivities90d", 5, "maxActivities90d", 1),
                    Map.of("sources", java.util.Collections.nCopies(101, "web")), Map.of("revenue", 1));
        };
        return values.get(random.nextInt(values.size()));
    }

    private String hostileText() {
        List<String> values = List.of("a\u0000b", "\uD800", "x\uDC00y", "\uFFFF", "<script>", "'; DROP TABLE x;--",
                "\u202Eevil", "\r\nX-Injected: 1");
        return values.get(random.nextInt(values.size()));
    }

    private Map<String, String> badHeader() {
        return switch (random.nextInt(6)) {
            case 0 -> Map.of("Idempotency-Key", "");
            case 1 -> Map.of("Idempotency-Key", "k".repeat(129 + random.nextInt(500)));
            case 2 -> Map.of("X-Correlation-Id", "c".repeat(129 + random.nextInt(4000)));
            case 3 -> Map.of("X-Correlation-Id", "bad id<>");
            case 4 -> Map.of("If-Match", random.nextBoolean() ? "\"1" : "W/" + random.nextInt());
            default -> Map.of("If-Match", "-" + random.nextInt(100));
        };
    }

    private byte[] brokenUtf8(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 2) {
            bytes[random.nextInt(bytes.length - 1) + 1] = (byte) (0x80 | random.nextInt(0x40));
        }
        return bytes;
    }

    private EntityExchangeResult<byte[]> send(String path, String body, Map<String, String> headers) {
        return send(new Route(path, Map.of(), Map.of()), body, headers);
    }

    private EntityExchangeResult<byte[]> send(Route route, String body, Map<String, String> headers) {
        return http.method(route.method()).uri(route.path()).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add))
                .bodyValue(body).exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> sendBytes(Route route, byte[] body) {
        return http.method(route.method()).uri(route.path()).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody().returnResult();
    }

    /**
     * The events requests stored: reminders are left out, since they fall due in the background (a task due in the
     * past is reminded at once) and may land while a later, rejected request runs.
     */
    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType <> ?", Long.class,
                TaskReminderDue.class.getName());
    }

    private String id(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).isEqualTo(201);
        return json.readTree(result.getResponseBody()).path("id").asString();
    }
}
