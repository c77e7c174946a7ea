package dev.eventcrm.standalone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sales team's day through the API of the packaged jar, killed with SIGKILL between its steps: calls with each
 * outcome, a client who never answers followed through to archiving, deals won and lost with their next steps, a
 * reminder that falls due while the service is down, invoices paid and overdue, and the timeline that tells it all.
 */
class SalesDayIT {

    /**
     * As ReadSideCrashIT's: after a kill, some work resumes only once something of the killed instance is declared dead
     * (a deadline it had claimed: 4 missed heartbeats of 10 s). With a 60 s wait this test timed out once in CI, at the
     * first read after a restart.
     */
    private static final Duration READ = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private StandaloneProcess app;
    private Instant lastCallAt = Instant.EPOCH;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aSalesTeamsDayHoldsEveryRuleAcrossRestarts() throws Exception {
        app = new StandaloneProcess(dataDir);
        // short cadence delays and an all-day client window, so that a follow-up falls due during the test
        String[] settings = {"--crm.tasks.reminder-lead=5s", "--crm.automation.deadline-poll=200ms",
                "--crm.automation.cadence.delays=3s,4s,1h,1d", "--crm.automation.cadence.client-day.from=00:00",
                "--crm.automation.cadence.client-day.to=23:59"};

        // Morning, first life: the team, two clients with a deal each, and the first calls.
        app.start(settings);
        app.command("/api/v1/users", """
                {"id":"olga","displayName":"Olga Ivanova","teamId":"east","role":"manager","timeZone":"Europe/Moscow",
                 "workingHours":{"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"from":"00:00","to":"23:59"}}""");
        String silent = app.command("/api/v1/contacts", """
                {"name":"Pavel Silent","ownerId":"olga","timeZone":"Asia/Vladivostok"}""").path("id").asString();
        String loyal = app.command("/api/v1/contacts", """
                {"name":"Lena Loyal","ownerId":"olga","timeZone":"Europe/Kaliningrad"}""").path("id").asString();
        String silentDeal = openDeal(silent, "Fleet for Pavel");
        String loyalDeal = openDeal(loyal, "Trucks for Lena");
        String lostDeal = openDeal(loyal, "Vans for Lena");

        for (String outcome : List.of("CONNECTED", "VOICEMAIL", "WRONG_NUMBER", "BUSY")) {
            call(loyal, loyalDeal, "INBOUND", outcome);
        }
        call(silent, silentDeal, "OUTBOUND", "NO_ANSWER");
        call(silent, silentDeal, "OUTBOUND", "BUSY");
        Instant due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        String task = app.command("/api/v1/tasks", "{\"type\":\"MEETING\",\"dueAt\":\"" + due
                + "\",\"assigneeId\":\"olga\",\"contactId\":\"" + loyal + "\",\"note\":\"visit Lena\"}")
                .path("id").asString();
        app.killHard();

        // The task's two reminders fall due while nothing runs; they fire once after the restart.
        Instant afterDue = due.plusSeconds(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(afterDue));
        app.start(settings);
        List<JsonNode> reminders = awaitEntries(loyal, "TASK_REMINDED", 2);
        // the cadence's second follow-up fell due while down too: its reminder fires once, after the restart
        assertThat(awaitEntries(silent, "TASK_REMINDED", 1)).extracting(entry -> entry.path("aggregateId")
                .asString()).anySatisfy(followUp -> assertThat(followUp).endsWith("-followup-2"));
        assertThat(reminders).allSatisfy(entry -> {
            assertThat(entry.path("aggregateId").asString()).isEqualTo(task);
            assertThat(entry.path("actorId").asString()).isEqualTo("automation");
        });
        call(silent, silentDeal, "OUTBOUND", "UNREACHABLE");
        call(silent, silentDeal, "OUTBOUND", "NO_ANSWER");
        app.killHard();

        // Afternoon, third life: the fifth miss, a deal won, one lost, invoices.
        app.start(settings);
        call(silent, silentDeal, "OUTBOUND", "NO_ANSWER");
        move(loyalDeal, "WON", null);
        move(lostDeal, "LOST", "price");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String overdue = invoice(loyalDeal, "INV-1", today.minusDays(1));
        String paid = invoice(loyalDeal, "INV-2", today.plusDays(10));
        app.command("/api/v1/invoices/" + paid + "/payment", "{\"paidOn\":\"" + today + "\"}");
        app.killHard();

        // Evening, fourth life: what the read side shows.
        app.start(settings);
        JsonNode silentContact = awaitRead(() -> read("/api/v1/contacts/" + silent),
                contact -> contact.path("archived").asBoolean(false));
        assertThat(silentContact.path("archived").asBoolean()).isTrue();
        assertThat(awaitRead(() -> read("/api/v1/deals/" + silentDeal), deal -> "LOST".equals(deal.path("status")
                .asString())).path("stage").asString()).isEqualTo("LOST");
        assertThat(awaitRead(() -> read("/api/v1/invoices?status=overdue"), list -> list.path("items").size() == 1)
                .path("items").get(0).path("id").asString()).isEqualTo(overdue);
        assertThat(awaitRead(() -> read("/api/v1/invoices/" + paid), invoice -> "PAID".equals(invoice.path("status")
                .asString())).path("paidOn").asString()).isEqualTo(today.toString());
        assertThat(read("/api/v1/deals?withoutNextStep=true").path("items")).isEmpty();

        // The timeline of the client who never answered, oldest first: five calls, a follow-up after each of the
        // first four (and completed by the next call), the archive and the lost deal, every automated step by
        // automation.
        List<JsonNode> story = awaitTimeline(silent, entries -> entries.stream()
                .anyMatch(entry -> entry.path("kind").asString().equals("DEAL_LOST")));
        List<String> kinds = story.stream().map(entry -> entry.path("kind").asString())
                .filter(kind -> !kind.equals("TASK_REMINDED")).toList();
        assertThat(kinds.stream().filter("CALL"::equals)).hasSize(5);
        assertThat(story.stream().filter(entry -> entry.path("kind").asString().equals("TASK_CREATED")
                && entry.path("summary").path("type").asString().equals("CALL")))
                .hasSize(4).allSatisfy(entry -> assertThat(entry.path("actorId").asString()).isEqualTo("automation"));
        assertThat(kinds.subList(0, 2)).containsExactly("CONTACT_CREATED", "DEAL_OPENED");
        assertThat(kinds).containsSubsequence("CALL", "TASK_CREATED", "CALL", "TASK_CREATED", "CALL",
                "TASK_CREATED", "CALL", "TASK_CREATED", "CALL", "CONTACT_ARCHIVED");
        assertThat(kinds).contains("DEAL_LOST");
        JsonNode lost = story.stream().filter(entry -> entry.path("kind").asString().equals("DEAL_LOST"))
                .findFirst().orElseThrow();
        assertThat(lost.path("summary").path("lossReason").asString()).isEqualTo("unreachable");
        assertThat(lost.path("actorId").asString()).isEqualTo("automation");
        List<Instant> times = story.stream().map(entry -> Instant.parse(entry.path("occurredAt").asString()))
                .toList();
        assertThat(times).isSorted();

        // The reminders fired once, though the service was killed twice more after they did.
        assertThat(awaitEntries(loyal, "TASK_REMINDED", 2)).hasSize(2);
        assertThat(story.stream().filter(entry -> entry.path("kind").asString().equals("TASK_REMINDED")
                && entry.path("aggregateId").asString().endsWith("-followup-2"))).hasSize(1);

        // The won and the lost deals' next steps were closed with them; every open deal always had one.
        for (String closed : List.of(loyalDeal, lostDeal, silentDeal)) {
            assertThat(read("/api/v1/deals/" + closed).path("nextStepTaskId").isNull()).as(closed).isTrue();
        }
    }

    private String openDeal(String contactId, String title) throws Exception {
        return app.command("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"" + title
                + "\",\"amount\":{\"value\":\"1000.00\",\"currency\":\"RUB\"},\"ownerId\":\"olga\"}")
                .path("id").asString();
    }

    /** Each call at a business time after the previous one's, so the timeline's order is the order of the calls. */
    private void call(String contactId, String dealId, String direction, String outcome) throws Exception {
        Instant now = Instant.now();
        lastCallAt = now.isAfter(lastCallAt) ? now : lastCallAt.plusMillis(1);
        app.command("/api/v1/calls", "{\"contactId\":\"" + contactId + "\",\"dealId\":\"" + dealId
                + "\",\"direction\":\"" + direction + "\",\"outcome\":\"" + outcome + "\",\"durationSeconds\":"
                + ("CONNECTED".equals(outcome) ? 300 : 0) + ",\"occurredAt\":\"" + lastCallAt + "\"}");
    }

    private void move(String dealId, String stage, String lossReason) throws Exception {
        app.command("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"" + stage + "\""
                + (lossReason == null ? "" : ",\"lossReason\":\"" + lossReason + "\"") + "}");
    }

    private String invoice(String dealId, String number, LocalDate dueDate) throws Exception {
        return app.command("/api/v1/invoices", "{\"dealId\":\"" + dealId + "\",\"number\":\"" + number
                + "\",\"amount\":{\"value\":\"500.00\",\"currency\":\"RUB\"},\"dueDate\":\"" + dueDate + "\"}")
                .path("id").asString();
    }

    private JsonNode read(String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        return response.statusCode() == 200 ? StandaloneProcess.JSON.readTree(response.body())
                : StandaloneProcess.JSON.createObjectNode();
    }

    private JsonNode awaitRead(ThrowingSupplier read, Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(READ).pollInterval(Duration.ofMillis(250)).until(() -> until.test(last[0] = read.get()));
        return last[0];
    }

    /** The contact's timeline, oldest first, once {@code until} holds of it. */
    private List<JsonNode> awaitTimeline(String contactId, Predicate<List<JsonNode>> until) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(READ).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<JsonNode> entries = new ArrayList<>();
            read("/api/v1/contacts/" + contactId + "/timeline?limit=200").path("items").forEach(entries::add);
            Collections.reverse(entries);
            last.set(0, entries);
            return until.test(last.get(0));
        });
        return last.get(0);
    }

    private List<JsonNode> awaitEntries(String contactId, String kind, int count) {
        return awaitTimeline(contactId, entries -> entries.stream()
                .filter(entry -> entry.path("kind").asString().equals(kind)).count() >= count).stream()
                .filter(entry -> entry.path("kind").asString().equals(kind)).toList();
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        JsonNode get() throws Exception;
    }
}
