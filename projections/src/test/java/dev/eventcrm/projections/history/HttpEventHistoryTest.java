package dev.eventcrm.projections.history;

import com.sun.net.httpserver.HttpServer;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP contract with the command-service's history endpoint, against a local JDK HTTP server. */
class HttpEventHistoryTest {
    private HttpServer server;
    private final AtomicReference<URI> requested = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String body = "[]";
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requested.set(exchange.getRequestURI());
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private HttpEventHistory history(Duration timeout) {
        return new HttpEventHistory("http://127.0.0.1:" + server.getAddress().getPort() + "/", timeout,
                new EnvelopeParser());
    }

    @Test
    void historyIsAJsonArrayOfEnvelopesFromTheRequestedSequence() {
        ParsedEvent opened = dealOpened("deal 1", "c1", "10.00", T0);
        ParsedEvent moved = stageMoved("deal 1", 1, "NEW", "WON", T0.plusSeconds(1));
        body = "[" + opened.envelope() + "," + moved.envelope() + "]";

        List<ParsedEvent> events = history(Duration.ofSeconds(5)).load("deal 1", 0);

        assertThat(requested.get().getRawPath()).isEqualTo("/api/v1/aggregates/deal%201/events");
        assertThat(requested.get().getQuery()).isEqualTo("fromSequence=0");
        assertThat(accept.get()).isEqualTo("application/json");
        assertThat(events).extracting(ParsedEvent::eventId).containsExactly(opened.eventId(), moved.eventId());
        assertThat(events.get(1).payload()).isEqualTo(moved.payload());
    }

    @Test
    void anErrorStatusOrUnreadableBodyIsAFailureToRetry() {
        status = 503;
        body = "starting";
        assertThatThrownBy(() -> history(Duration.ofSeconds(5)).load("d1", 2))
                .isInstanceOf(EventHistoryException.class).hasMessageContaining("503");

        status = 200;
        body = "{\"not\":\"an array\"}";
        assertThatThrownBy(() -> history(Duration.ofSeconds(5)).load("d1", 2))
                .isInstanceOf(EventHistoryException.class).hasMessageContaining("unreadable");
        assertThat(requested.get().getQuery()).isEqualTo("fromSequence=2");
    }

    @Test
    void aSlowHistoryTimesOut() {
        hang = true;
        assertThatThrownBy(() -> history(Duration.ofMillis(300)).load("d1", 0))
                .isInstanceOf(EventHistoryException.class);
    }

    @Test
    void anUnreachableHistoryIsAFailureToRetry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new HttpEventHistory("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2),
                new EnvelopeParser()).load("d1", 0)).isInstanceOf(EventHistoryException.class);
    }
}
