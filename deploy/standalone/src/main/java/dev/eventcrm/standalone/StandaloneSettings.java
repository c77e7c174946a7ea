package dev.eventcrm.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the standalone finds its infrastructure. Read from environment variables before Spring starts, because the
 * embedded services must be listening before the application context connects to them. An external service named
 * by its variable replaces the embedded one.
 */
public record StandaloneSettings(
        Path dataDir,
        int kafkaPort,
        int mongoPort,
        int mongoCacheMegabytes,
        Optional<String> eventStoreUrl,
        Optional<String> kafkaBootstrap,
        Optional<String> mongoUri) {

    public static StandaloneSettings from(Map<String, String> env) {
        return new StandaloneSettings(
                Path.of(env.getOrDefault("CRM_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                Integer.parseInt(env.getOrDefault("CRM_EMBEDDED_KAFKA_PORT", "9092")),
                Integer.parseInt(env.getOrDefault("CRM_EMBEDDED_MONGO_PORT", "27017")),
                Integer.parseInt(env.getOrDefault("CRM_EMBEDDED_MONGO_CACHE_MB", "128")),
                nonBlank(env.get("CRM_EVENTSTORE_URL")),
                nonBlank(env.get("CRM_KAFKA_BOOTSTRAP")),
                nonBlank(env.get("CRM_MONGODB_URI")));
    }

    public String embeddedEventStoreUrl() {
        // retry: reopens the file when a thread is interrupted during IO (a cancelled request on a bounded-elastic
        // thread), which would otherwise close H2's FileChannel and fail every later command.
        return "jdbc:h2:retry:" + dataDir.resolve("eventstore").resolve("crm").toAbsolutePath();
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
