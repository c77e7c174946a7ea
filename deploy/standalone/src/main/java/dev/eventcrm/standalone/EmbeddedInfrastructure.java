package dev.eventcrm.standalone;

import dev.eventcrm.standalone.embedded.EmbeddedKafka;
import dev.eventcrm.standalone.embedded.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded Kafka broker and MongoDB server of the standalone default, started before the application context
 * and stopped after everything else in it (lowest lifecycle phase), so that consumers and producers close first.
 */
public final class EmbeddedInfrastructure implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedMongo mongo;
    private final Map<String, String> properties;
    private volatile boolean running = true;

    private EmbeddedInfrastructure(EmbeddedKafka kafka, EmbeddedMongo mongo, Map<String, String> properties) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.properties = properties;
    }

    /** Starts what no external service replaces and returns the connection properties for the context. */
    public static EmbeddedInfrastructure start(StandaloneSettings settings) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("crm.eventstore.url", settings.eventStoreUrl().orElse(settings.embeddedEventStoreUrl()));
        EmbeddedKafka kafka = null;
        EmbeddedMongo mongo = null;
        try {
            if (settings.kafkaBootstrap().isPresent()) {
                properties.put("crm.kafka.bootstrap", settings.kafkaBootstrap().get());
            } else {
                kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
                properties.put("crm.kafka.bootstrap", kafka.bootstrapServers());
                log.info("Embedded Kafka broker listening at {}", kafka.bootstrapServers());
            }
            if (settings.mongoUri().isPresent()) {
                properties.put("crm.mongodb.uri", settings.mongoUri().get());
            } else {
                mongo = EmbeddedMongo.start(settings.dataDir().resolve("mongo"), settings.mongoPort(),
                        settings.mongoCacheMegabytes());
                properties.put("crm.mongodb.uri", mongo.connectionString());
                // the projections commit the embedded store once per batch; a real MongoDB needs no such command
                properties.put("crm.projections.store-commit-command", EmbeddedMongo.COMMIT_COMMAND);
                log.info("Embedded MongoDB server listening at {}", mongo.connectionString());
            }
        } catch (Exception e) {
            closeQuietly(kafka);
            closeQuietly(mongo);
            throw e;
        }
        return new EmbeddedInfrastructure(kafka, mongo, properties);
    }

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            closeQuietly(mongo);
            closeQuietly(kafka);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", closeable, e);
        }
    }
}
