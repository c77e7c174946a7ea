package dev.eventcrm.standalone;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged standalone jar as a child process on a data directory and free ports, started, killed with SIGKILL
 * and started again on the same data, as the crash tests need.
 */
final class StandaloneProcess implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dataDir;
    private final int httpPort = TestInfrastructure.freePort();
    private final int kafkaPort = TestInfrastructure.freePort();
    private final int mongoPort = TestInfrastructure.freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    StandaloneProcess(Path dataDir) {
        this.dataDir = dataDir;
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    /** Starts the jar with the embedded default on this data directory and waits until it is healthy. */
    void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", System.getProperty("crm.standalone.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("standalone.log").toFile()));
        builder.environment().putAll(Map.of(
                "CRM_DATA_DIR", dataDir.toString(),
                "SERVER_PORT", String.valueOf(httpPort),
                "CRM_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort),
                "CRM_EMBEDDED_MONGO_PORT", String.valueOf(mongoPort)));
        builder.environment().remove("CRM_EVENTSTORE_URL");
        builder.environment().remove("CRM_KAFKA_BOOTSTRAP");
        builder.environment().remove("CRM_MONGODB_URI");
        process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("standalone process alive; see " + dataDir.resolve("standalone.log"))
                    .isTrue();
            try {
                return get("/actuator/health").statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    /** POSTs a JSON command and asserts a 2xx answer. */
    JsonNode command(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
