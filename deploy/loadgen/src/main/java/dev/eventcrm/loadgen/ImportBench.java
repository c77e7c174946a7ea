package dev.eventcrm.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSV import throughput: writes a file of N contacts (BOM, {@code ;}, Russian headers; every 100th row repeats the
 * previous row's phone in another format, every 1,000th has an invalid phone), posts it to
 * {@code POST /api/v1/imports/contacts}, polls {@code GET /api/v1/imports/{id}} until it is no longer RUNNING and
 * prints the counts and rows/s: of the whole (upload, check and import) and of the background import alone.
 * <p>
 * Usage: {@code java -cp crm-loadgen.jar dev.eventcrm.loadgen.ImportBench [baseUrl] [rows]}
 */
public final class ImportBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path file = Files.createTempFile("import-bench-", ".csv");
        try {
            write(file, rows);
            run(baseUrl, file, rows);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, int rows) throws IOException {
        // a block of numbers of its own per run, so that runs against one database do not collide
        int block = ThreadLocalRandom.current().nextInt(10, 100);
        String run = Integer.toHexString(ThreadLocalRandom.current().nextInt());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\uFEFFФИО;Телефон;Эл. почта;Город;Ответственный;Комментарий\r\n");
            for (int i = 0; i < rows; i++) {
                String phone = i % 100 == 99 ? String.format("8 (9%02d) %07d", block, i - 1)
                        : i % 1000 == 500 ? "12345" : String.format("+7 9%02d %07d", block, i);
                out.write("\"Контакт " + run + " " + i + "\";" + phone + ";c" + i + "." + run + "@example.com;"
                        + "Пермь;m" + (i % 20) + ";\"строка " + i + "; импорт\"\r\n");
            }
        }
        System.out.printf("file: %,d rows, %,d bytes%n", rows, Files.size(file));
    }

    private static void run(String baseUrl, Path file, int rows) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                                + "/api/v1/imports/contacts")).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        Matcher id = ID.matcher(accepted.body());
        if (accepted.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("POST answered " + accepted.statusCode() + ": " + accepted.body());
        }
        System.out.printf("202 after %.2f s (upload and check), import %s%n", seconds(start, answered), id.group(1));
        HttpRequest poll = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/imports/" + id.group(1))).build();
        String status;
        long lastPrint = answered;
        while (true) {
            status = http.send(poll, HttpResponse.BodyHandlers.ofString()).body();
            if (!status.contains("\"state\":\"RUNNING\"")) {
                break;
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  %5.1f s: %s rows%n", seconds(answered, lastPrint), number(status, "rows"));
            }
            Thread.sleep(200);
        }
        long done = System.nanoTime();
        System.out.printf("state %s: rows %s, accepted %s, duplicates %s, rejected %s, skipped %s%n",
                text(status, "state"), number(status, "rows"), number(status, "accepted"),
                number(status, "duplicates"), number(status, "rejected"), number(status, "skipped"));
        System.out.printf("import alone: %.1f s, %.0f rows/s; whole (upload, check, import): %.1f s, %.0f rows/s%n",
                seconds(answered, done), rows / seconds(answered, done), seconds(start, done),
                rows / seconds(start, done));
    }

    private static String number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static String text(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
