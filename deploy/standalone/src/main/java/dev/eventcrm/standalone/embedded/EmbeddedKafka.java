package dev.eventcrm.standalone.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM, from the Kafka
 * server jars. Records are kept under a data directory and survive a restart and a kill of the process.
 *
 * <p>Layout of the data directory:
 * <ul>
 *   <li>{@code kraft-logs/}: the log directory (also the metadata log directory), formatted on first start with a
 *   cluster id that the format persists in {@code meta.properties};</li>
 *   <li>{@code embedded-kafka.properties}: the controller listener port, so later starts reuse it.</li>
 * </ul>
 *
 * <p>The quorum is static ({@code controller.quorum.voters}, kraft.version 0): the voter's address lives in the
 * configuration only, never in the metadata log, so the controller port could even change between starts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    static final String LOG_DIR_NAME = "kraft-logs";
    static final String STATE_FILE_NAME = "embedded-kafka.properties";
    private static final String CONTROLLER_PORT_KEY = "controller.port";
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private final int controllerPort;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String clusterId, int controllerPort,
                          Duration startupTime) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.controllerPort = controllerPort;
        this.startupTime = startupTime;
    }

    /**
     * Starts the broker, formatting {@code dataDir} on first use, and returns once it serves requests.
     *
     * @param dataDir where the logs live; created if missing; reused (same cluster, same records) on later starts
     * @param port    the PLAINTEXT listener port on 127.0.0.1
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        long started = System.nanoTime();
        QuietLoggers.warnOnly("kafka", "org.apache.kafka", "state.change.logger");
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve(LOG_DIR_NAME).toAbsolutePath();
            int controllerPort = controllerPort(dataDir, port);
            Map<String, Object> props = brokerConfig(logDir, port, controllerPort);
            KafkaConfig config = new KafkaConfig(props, false);

            String clusterId = readClusterId(logDir);
            if (clusterId == null) {
                clusterId = format(logDir);
            }

            long configured = System.nanoTime();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            String bootstrapServers = HOST + ":" + port;
            try {
                server.startup();
                long serverStarted = System.nanoTime();
                awaitReady(bootstrapServers);
                log.debug("Embedded Kafka start: config and format {} ms, KafkaRaftServer {} ms, readiness check {} ms",
                        TimeUnit.NANOSECONDS.toMillis(configured - started),
                        TimeUnit.NANOSECONDS.toMillis(serverStarted - configured),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - serverStarted));
            } catch (RuntimeException | Error e) {
                shutdownQuietly(server);
                throw e;
            }
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            log.info("Embedded Kafka (cluster {}) serving on {} (controller on port {}), data in {}; started in {} ms",
                    clusterId, bootstrapServers, controllerPort, logDir, startupTime.toMillis());
            return new EmbeddedKafka(server, bootstrapServers, clusterId, controllerPort, startupTime);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded Kafka broker in " + dataDir, e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The cluster id generated at the first start and persisted by the format. */
    public String clusterId() {
        return clusterId;
    }

    /** The controller listener port (persisted in the data directory). */
    public int controllerPort() {
        return controllerPort;
    }

    /** How long {@link #start} took, until the broker answered a describeCluster request. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed and closed) and waits for it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", cluster " + clusterId + "]";
    }

    static Map<String, Object> brokerConfig(Path logDir, int port, int controllerPort) {
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST
                        + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("metadata.log.dir", logDir.toString()),
                // single node
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "3"),
                // 50 partitions (the default) cost a second or so when the first consumer group is created,
                // for nothing on a single node; only read when the topic is first created
                Map.entry("offsets.topic.num.partitions", "5"),
                // a 2-core machine shares these threads with the application
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("log.cleaner.threads", "1"));
    }

    /**
     * Formats the log directory the way {@code kafka-storage.sh format} does, with a new cluster id, and returns
     * that id.
     */
    private static String format(Path logDir) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        log.info("Formatted {} for the new embedded Kafka cluster {}", logDir, clusterId);
        log.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    /** The cluster id of a formatted log directory, or null if it is not formatted yet. */
    private static String readClusterId(Path logDir) throws IOException {
        Path metaProperties = logDir.resolve("meta.properties");
        if (!Files.exists(metaProperties)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null) {
            throw new IllegalStateException(metaProperties + " has no cluster.id");
        }
        return clusterId;
    }

    /**
     * The controller port persisted in the data directory, or a newly picked free loopback port (then persisted).
     * With a static quorum a different port on a later start is harmless, so a persisted port that is taken now
     * is replaced rather than failing the start.
     */
    private static int controllerPort(Path dataDir, int brokerPort) throws IOException {
        Path stateFile = dataDir.resolve(STATE_FILE_NAME);
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                state.load(in);
            }
            String persisted = state.getProperty(CONTROLLER_PORT_KEY);
            if (persisted != null) {
                int port = Integer.parseInt(persisted.trim());
                if (port != brokerPort && isFree(port)) {
                    return port;
                }
                log.warn("Controller port {} persisted in {} is not available now; picking another one", port,
                        stateFile);
            }
        }
        int port;
        do {
            port = freePort();
        } while (port == brokerPort);
        state.setProperty(CONTROLLER_PORT_KEY, String.valueOf(port));
        Path tmp = dataDir.resolve(STATE_FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            state.store(out, "embedded Kafka broker state; the cluster id is in " + LOG_DIR_NAME + "/meta.properties");
        }
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the broker answers a describeCluster request and lists itself. */
    private static void awaitReady(String bootstrapServers) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(10_000)).nodes()
                            .get(10, TimeUnit.SECONDS);
                    if (nodes.stream().map(Node::id).anyMatch(id -> id == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("Embedded Kafka not ready yet: {}", e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Embedded Kafka on " + bootstrapServers
                            + " did not become ready within " + READY_TIMEOUT);
                }
                // describeCluster waits for a reachable broker by itself; this pause only spaces out the answers of
                // a broker that is up but has not registered yet
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Failed to shut down the embedded Kafka broker after a failed start", e);
        }
    }
}
