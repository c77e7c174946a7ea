package dev.eventcrm.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One embedded Kafka broker and MongoDB server per test JVM (the same classes the standalone runs), and the event
 * store: the PostgreSQL named by CRM_TEST_POSTGRES_URL, or an H2 file database.
 */
final class TestInfrastructure {

    private static TestInfrastructure shared;

    final StandaloneSettings settings;
    final EmbeddedInfrastructure embedded;
    final int httpPort;

    private TestInfrastructure(StandaloneSettings settings, EmbeddedInfrastructure embedded, int httpPort) {
        this.settings = settings;
        this.embedded = embedded;
        this.httpPort = httpPort;
    }

    static synchronized TestInfrastructure shared() {
        if (shared == null) {
            try {
                Path dataDir = Files.createTempDirectory("crm-e2e");
                StandaloneSettings settings = new StandaloneSettings(dataDir, freePort(), freePort(), 64,
                        postgresUrl(), Optional.empty(), Optional.empty());
                EmbeddedInfrastructure embedded = EmbeddedInfrastructure.start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
                shared = new TestInfrastructure(settings, embedded, freePort());
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test infrastructure", e);
            }
        }
        return shared;
    }

    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv("CRM_TEST_POSTGRES_URL")).filter(url -> !url.isBlank());
    }

    String eventStoreUrl() {
        return embedded.properties().get("crm.eventstore.url");
    }

    String kafkaBootstrap() {
        return embedded.properties().get("crm.kafka.bootstrap");
    }

    String mongoUri() {
        return embedded.properties().get("crm.mongodb.uri");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
