package dev.eventcrm.query.stream;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.UpdateOptions;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeStreamTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void deliversChangesMadeAfterConnectingInPositionOrderWithIdTypeAndVerbatimEnvelope() {
        String aggregate = "deal-" + UUID.randomUUID();
        insertChange(change("DealOpened", aggregate, 1));

        Flux<ServerSentEvent<String>> stream = connect("", null);
        List<Document> made = List.of(
                change("DealStageMoved", aggregate, 3),
                change("DealOwnerAssigned", aggregate, 1),
                change("CallLogged", "call-" + UUID.randomUUID(), 2));
        made.forEach(this::insertChange);

        List<ServerSentEvent<String>> received = take(stream, 3);
        assertThat(received).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(made));
        assertThat(received).extracting(ServerSentEvent::event)
                .containsExactly("DealStageMoved", "DealOwnerAssigned", "CallLogged");
        assertThat(received).extracting(ServerSentEvent::data)
                .containsExactlyElementsOf(made.stream().map(doc -> doc.getString("envelope")).toList());
    }

    @Test
    void filtersByTypesGivenCommaSeparatedOrRepeatedAndByAggregateId() {
        String aggregate = "deal-" + UUID.randomUUID();
        String other = "deal-" + UUID.randomUUID();
        Flux<ServerSentEvent<String>> stream = connect(
                "?types=DealOpened,DealStageMoved&types=CallLogged&aggregateId=" + aggregate, null);

        List<Document> wanted = new ArrayList<>();
        wanted.add(insertChange(change("DealOpened", aggregate, 1)));
        insertChange(change("DealOpened", other, 1));
        insertChange(change("DealOwnerAssigned", aggregate, 1));
        wanted.add(insertChange(change("DealStageMoved", aggregate, 1)));
        insertChange(change("DealStageMoved", other, 1));
        // Matches too, and comes last: anything leaking through the filter would show up before it.
        wanted.add(insertChange(change("CallLogged", aggregate, 1)));

        List<ServerSentEvent<String>> received = take(stream, 3);
        assertThat(received).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(wanted));
        assertThat(received).extracting(ServerSentEvent::event)
                .containsExactly("DealOpened", "DealStageMoved", "CallLogged");
    }

    @Test
    void aUsersRemindersGoToThatUserAlone() {
        String manager = "m-" + UUID.randomUUID();
        Flux<ServerSentEvent<String>> stream = connect("?types=TaskReminderDue&recipientId=" + manager, null);

        insertChange(change("TaskReminderDue", "task-a", 1).append("recipientId", "someone-else"));
        insertChange(change("TaskCreated", "task-b", 1).append("recipientId", manager));
        insertChange(change("DealOpened", "deal-c", 1));
        Document theirs = insertChange(change("TaskReminderDue", "task-b", 1).append("recipientId", manager));

        assertThat(take(stream, 1)).extracting(ServerSentEvent::id)
                .containsExactly(theirs.get("position").toString());
    }

    @Test
    void aReportsStreamSaysWhichOfTheAskedReportsAChangeChanged() {
        Flux<ServerSentEvent<String>> stream = connectTo("/api/v1/reports/stream?reports=funnel,managers", null);

        insertChange(change("ContactCreated", "contact-" + UUID.randomUUID(), 1)); // changes segments only
        Document moved = insertChange(change("DealStageMoved", "deal-" + UUID.randomUUID(), 1));
        Document call = insertChange(change("CallLogged", "call-" + UUID.randomUUID(), 1));

        List<ServerSentEvent<String>> received = take(stream, 2);
        assertThat(received).extracting(ServerSentEvent::event).containsOnly("ReportChanged");
        assertThat(received).extracting(ServerSentEvent::id)
                .containsExactly(moved.get("position").toString(), call.get("position").toString());
        assertThat(received.get(0).data()).isEqualTo("{\"reports\":[\"funnel\",\"managers\"],"
                + "\"type\":\"DealStageMoved\",\"aggregateId\":\"" + moved.getString("aggregateId") + "\"}");
        assertThat(received.get(1).data()).startsWith("{\"reports\":[\"managers\"],\"type\":\"CallLogged\"");
    }

    @Test
    void savedSegmentsChangeWithTheirDefinitionsAndWithTheSegmentation() {
        Flux<ServerSentEvent<String>> stream = connectTo("/api/v1/reports/stream?reports=segments,saved-segments",
                null);

        Document saved = insertChange(change("SegmentSaved", "segment-" + UUID.randomUUID(), 1));
        Document call = insertChange(change("CallLogged", "call-" + UUID.randomUUID(), 1));

        List<ServerSentEvent<String>> received = take(stream, 2);
        assertThat(received.get(0).data()).startsWith("{\"reports\":[\"saved-segments\"],\"type\":\"SegmentSaved\"");
        assertThat(received.get(1).data()).startsWith("{\"reports\":[\"segments\",\"saved-segments\"],"
                + "\"type\":\"CallLogged\"");
        assertThat(received).extracting(ServerSentEvent::id)
                .containsExactly(saved.get("position").toString(), call.get("position").toString());
    }

    @Test
    void anUnknownReportIsABadRequestNamingTheParameter() {
        client.get().uri("/api/v1/reports/stream?reports=funnel,pipeline-velocity").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reports");
    }

    @Test
    void resumesStrictlyAfterLastEventIdWithNothingLostOrRepeated() {
        String aggregate = "deal-" + UUID.randomUUID();
        Flux<ServerSentEvent<String>> first = connect("", null);
        List<Document> beforeDisconnect = List.of(change("DealOpened", aggregate, 1),
                change("DealStageMoved", aggregate, 1));
        beforeDisconnect.forEach(this::insertChange);
        List<ServerSentEvent<String>> seen = take(first, 2);
        assertThat(seen).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(beforeDisconnect));

        // Written while the client is away.
        List<Document> missed = List.of(change("DealStageMoved", aggregate, 4), change("CallLogged", aggregate, 1));
        missed.forEach(this::insertChange);

        Flux<ServerSentEvent<String>> resumed = connect("", seen.get(1).id());
        Document live = insertChange(change("DealOwnerAssigned", aggregate, 1));

        List<ServerSentEvent<String>> afterResume = take(resumed, 3);
        assertThat(afterResume).extracting(ServerSentEvent::id)
                .containsExactly(missed.get(0).get("position").toString(), missed.get(1).get("position").toString(),
                        live.get("position").toString());
    }

    @Test
    void resumesFromLastEventIdQueryParameter() {
        String aggregate = "deal-" + UUID.randomUUID();
        Document seen = insertChange(change("DealOpened", aggregate, 1));
        Document missed = insertChange(change("DealStageMoved", aggregate, 1));

        Flux<ServerSentEvent<String>> stream = connect("?lastEventId=" + seen.get("position"), null);

        assertThat(take(stream, 1)).extracting(ServerSentEvent::id).containsExactly(missed.get("position").toString());
    }

    @Test
    void replaysFromTheStartWithFromZeroThenFollowsLive() {
        String aggregate = "deal-" + UUID.randomUUID();
        List<Document> history = List.of(change("DealOpened", aggregate, 1), change("DealStageMoved", aggregate, 1),
                change("CallLogged", aggregate, 1));
        history.forEach(this::insertChange);

        Flux<ServerSentEvent<String>> stream = connect("?from=0&aggregateId=" + aggregate, null);
        Document live = insertChange(change("DealOwnerAssigned", aggregate, 1));

        List<Document> expected = new ArrayList<>(history);
        expected.add(live);
        assertThat(take(stream, 4)).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void concurrentSubscribersGetEveryChangeOnceAndInOrderWhileChangesLandContinuously() {
        String aggregate = "deal-" + UUID.randomUUID();
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            // Holes in the positions, as the writer may leave them; more than two query batches in total.
            written.add(change(i % 3 == 0 ? "CallLogged" : "DealStageMoved", aggregate, 1 + i % 4));
        }
        List<Document> calls = written.stream().filter(doc -> doc.getString("type").equals("CallLogged")).toList();

        Flux<ServerSentEvent<String>> all = connect("?aggregateId=" + aggregate, null);
        Flux<ServerSentEvent<String>> onlyCalls = connect("?types=CallLogged", null);
        Mono<List<ServerSentEvent<String>>> allReceived = all.filter(event -> event.id() != null)
                .take(written.size()).collectList().cache();
        Mono<List<ServerSentEvent<String>>> callsReceived = onlyCalls.filter(event -> event.id() != null)
                .take(calls.size()).collectList().cache();
        allReceived.subscribe();
        callsReceived.subscribe();

        // Small batches, each followed by its durable head, like the projections' single writer, while both
        // subscribers are reading.
        Flux.fromIterable(written).buffer(10)
                .concatMap(batch -> Mono.from(database.getCollection("changes").insertMany(batch))
                        .then(publishHead(batch.get(batch.size() - 1))))
                .blockLast(TIMEOUT);

        assertThat(allReceived.block(TIMEOUT)).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(written));
        assertThat(callsReceived.block(TIMEOUT)).extracting(ServerSentEvent::id).containsExactlyElementsOf(ids(calls));
    }

    @Test
    void sendsHeartbeatCommentsWhileIdle() {
        Flux<ServerSentEvent<String>> stream = connect("?aggregateId=nobody", null);

        ServerSentEvent<String> heartbeat = stream.filter(event -> "heartbeat".equals(event.comment()))
                .next().block(TIMEOUT);

        assertThat(heartbeat).isNotNull();
        assertThat(heartbeat.data()).isNull();
    }

    @Test
    void invalidResumePositionsAreValidationFailures() {
        client.get().uri("/api/v1/stream").header("Last-Event-ID", "abc").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
        client.get().uri("/api/v1/stream?from=-2").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
    }

    private Flux<ServerSentEvent<String>> connect(String query, String lastEventId) {
        return connectTo("/api/v1/stream" + query, lastEventId);
    }

    private Flux<ServerSentEvent<String>> connectTo(String pathAndQuery, String lastEventId) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(pathAndQuery)
                .accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        // Returns once the server has fixed the start position and sent its first comment.
        return request.exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE)
                .getResponseBody();
    }

    private static List<ServerSentEvent<String>> take(Flux<ServerSentEvent<String>> stream, int count) {
        return stream.filter(event -> event.id() != null).take(count).collectList().block(TIMEOUT);
    }

    @Test
    void sendsRebuildProgressWithoutIdToSubscribersWithoutAggregateFilter() {
        String aggregate = "deal-" + UUID.randomUUID();
        String projection = "deal-board-" + UUID.randomUUID();
        Flux<ServerSentEvent<String>> progress = connect("?types=ProjectionRebuildProgress,DealOpened", null)
                .filter(event -> event.id() != null || event.data() != null && event.data().contains(projection));
        Flux<ServerSentEvent<String>> perAggregate = connect("?aggregateId=" + aggregate, null);
        BlockingQueue<ServerSentEvent<String>> received = new LinkedBlockingQueue<>();
        Disposable listening = progress.subscribe(received::add);

        Document rebuild = new Document("eventsDone", 10L).append("eventsTotal", 40L).append("eventsPerSecond", 5000.0)
                .append("startedAt", new Date(0)).append("finishedAt", null);
        insert("projection_catalog", new Document("_id", projection).append("name", projection).append("version", 2)
                .append("state", "REBUILDING").append("rebuildable", true).append("rebuild", rebuild));
        Document opened = insertChange(change("DealOpened", aggregate, 1));
        List<ServerSentEvent<String>> events = new ArrayList<>(List.of(next(received), next(received)));
        // Finished only once the running rebuild was reported, so that both states are seen.
        set("projection_catalog", projection, new Document("state", "LIVE")
                .append("rebuild", new Document(rebuild).append("eventsDone", 40L).append("finishedAt", new Date(1000))));
        events.add(next(received));
        listening.dispose();

        assertThat(events).extracting(ServerSentEvent::id).containsOnlyOnce(opened.get("position").toString());
        List<ServerSentEvent<String>> rebuilds = events.stream().filter(event -> event.id() == null).toList();
        assertThat(rebuilds).extracting(ServerSentEvent::event).containsOnly("ProjectionRebuildProgress");
        assertThat(rebuilds.get(0).data().replace(" ", "")).contains("\"name\":\"" + projection + "\"",
                "\"version\":2", "\"state\":\"REBUILDING\"", "\"eventsDone\":10", "\"eventsTotal\":40",
                "\"startedAt\":\"1970-01-01T00:00:00Z\"", "\"finishedAt\":null");
        assertThat(rebuilds.get(1).data().replace(" ", "")).contains("\"state\":\"LIVE\"", "\"eventsDone\":40",
                "\"finishedAt\":\"1970-01-01T00:00:01Z\"");
        // The aggregate's subscriber gets its change and nothing about rebuilds.
        assertThat(perAggregate.filter(event -> event.data() != null).next().block(TIMEOUT))
                .extracting(ServerSentEvent::event).isEqualTo("DealOpened");
    }

    private static ServerSentEvent<String> next(BlockingQueue<ServerSentEvent<String>> received) {
        try {
            ServerSentEvent<String> event = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + TIMEOUT).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Document insertChange(Document change) {
        insert("changes", change);
        publishHead(change).block(TIMEOUT);
        return change;
    }

    /** As the projections do after each committed batch: the feed is durable up to this change. */
    private Mono<Void> publishHead(Document change) {
        return Mono.from(database.getCollection("change_feed_head").updateOne(new Document("_id", "change-feed"),
                new Document("$max", new Document("position", change.get("position"))),
                new UpdateOptions().upsert(true))).then();
    }

    /** A change document with the next position, {@code step} above the previous one. */
    private static Document change(String type, String aggregateId, int step) {
        long position = CHANGE_POSITIONS.addAndGet(step);
        String eventId = UUID.randomUUID().toString();
        Date recordedAt = new Date();
        String envelope = "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"aggregateType\":\"Deal\","
                + "\"aggregateId\":\"" + aggregateId + "\",\"sequence\":" + position + ",\"recordedAt\":\""
                + recordedAt.toInstant() + "\",\"payload\":{\"note\":\"line: with colon\"}}";
        return new Document("_id", eventId)
                .append("position", position)
                .append("type", type)
                .append("aggregateType", "Deal")
                .append("aggregateId", aggregateId)
                .append("sequence", position)
                .append("recordedAt", recordedAt)
                .append("envelope", envelope);
    }

    private static List<String> ids(List<Document> changes) {
        return changes.stream().map(doc -> doc.get("position").toString()).toList();
    }
}
