package dev.eventcrm.query.stream;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeStreamTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final AtomicLong POSITIONS = new AtomicLong();

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
        Mono<List<ServerSentEvent<String>>> allReceived = all.filter(event -> event.data() != null)
                .take(written.size()).collectList().cache();
        Mono<List<ServerSentEvent<String>>> callsReceived = onlyCalls.filter(event -> event.data() != null)
                .take(calls.size()).collectList().cache();
        allReceived.subscribe();
        callsReceived.subscribe();

        // One at a time, like the projections' single writer, while both subscribers are reading.
        Flux.fromIterable(written)
                .concatMap(doc -> Mono.from(database.getCollection("changes").insertOne(doc)))
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
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/v1/stream" + query)
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
        return stream.filter(event -> event.data() != null).take(count).collectList().block(TIMEOUT);
    }

    private Document insertChange(Document change) {
        insert("changes", change);
        return change;
    }

    /** A change document with the next position, {@code step} above the previous one. */
    private static Document change(String type, String aggregateId, int step) {
        long position = POSITIONS.addAndGet(step);
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
