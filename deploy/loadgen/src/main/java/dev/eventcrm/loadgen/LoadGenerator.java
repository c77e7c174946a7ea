package dev.eventcrm.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the command API with MoveDealStage-like commands (load an existing aggregate, append one event) and
 * measures, per command, the HTTP latency and the command-to-read-model lag: the time from the 2xx answer until
 * the query service's SSE stream (which announces a change once the read models include it) delivers that event.
 * Two modes: closed loop (N workers as fast as they can) and open loop at a fixed offered rate, whose latency
 * includes queueing (no coordinated omission).
 * <p>
 * Usage: {@code java -jar crm-loadgen.jar [baseUrl] [workers] [seconds] [ratePerSecond|0] [lag|nolag]}
 */
public final class LoadGenerator {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern STREAMED = Pattern.compile(
            "\"aggregateId\":\"([^\"]+)\",\"sequence\":(\\d+)");
    /** The envelope's own recordedAt comes before the metadata's copy. */
    private static final Pattern RECORDED_AT = Pattern.compile("\"recordedAt\":\"([^\"]+)\"");
    private static final String[] CYCLE = {"QUALIFIED", "PROPOSAL", "NEGOTIATION", "QUALIFIED", "PROPOSAL",
            "NEGOTIATION"};

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private LoadGenerator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        boolean lag = args.length <= 4 || !"nolag".equals(args[4]);
        new LoadGenerator(baseUrl).run(workers, seconds, rate, lag);
    }

    private void run(int workers, int seconds, int rate, boolean measureLag) throws Exception {
        String contactId = extract(ID, send("POST", "/api/v1/contacts",
                "{\"name\":\"Load Test\",\"ownerId\":\"m1\"}").body());
        List<String> deals = new ArrayList<>();
        // Enough deals that each sees a handful of moves, as deals do, rather than hundreds.
        int dealCount = workers * Math.max(4, (400 + workers - 1) / workers);
        for (int i = 0; i < dealCount; i++) {
            deals.add(extract(ID, send("POST", "/api/v1/deals", "{\"contactId\":\"" + contactId
                    + "\",\"title\":\"Load " + i + "\",\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},"
                    + "\"ownerId\":\"m1\"}").body()));
        }
        Map<String, Integer> nextStage = new ConcurrentHashMap<>();
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> streamed = new ConcurrentHashMap<>();
        Map<String, Long> sinceRecorded = new ConcurrentHashMap<>();
        Thread stream = measureLag ? follow(streamed, sinceRecorded) : null;
        Recorder latency = new Recorder();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong issued = new AtomicLong();

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                long n = 0;
                while (true) {
                    long scheduled;
                    if (rate > 0) {
                        long k = issued.getAndIncrement();
                        scheduled = start + (long) (k * 1e9 / rate);
                        if (scheduled >= end) {
                            return null;
                        }
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    } else {
                        scheduled = System.nanoTime();
                        if (scheduled >= end) {
                            return null;
                        }
                    }
                    // Each worker owns its own deals, so commands on one aggregate never race each other.
                    String deal = deals.get((int) ((n++ * workers + worker) % deals.size()));
                    int step = nextStage.merge(deal, 1, Integer::sum) % CYCLE.length;
                    HttpResponse<String> answer = send("POST", "/api/v1/deals/" + deal + "/stage",
                            "{\"stage\":\"" + CYCLE[step] + "\"}");
                    long done = System.nanoTime();
                    if (answer.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                        continue;
                    }
                    latency.record(done - scheduled);
                    answered.put(deal + ":" + extract(VERSION, answer.body()), done);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long lastAnswer = answered.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(measureLag ? 60 : 0);
        while (!streamed.keySet().containsAll(answered.keySet()) && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (stream != null) {
            stream.interrupt();
        }
        Recorder lag = new Recorder();
        Recorder recordedLag = new Recorder();
        answered.forEach((event, at) -> {
            Long seen = streamed.get(event);
            if (seen != null) {
                lag.record(Math.max(0, seen - at));
                recordedLag.record(Math.max(0, sinceRecorded.get(event)));
            }
        });
        long lastSeen = answered.keySet().stream().map(streamed::get).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(lastAnswer);

        System.out.printf("mode=%s workers=%d duration=%.1fs%n", rate > 0 ? "open-loop@" + rate + "/s" : "closed-loop",
                workers, elapsed);
        System.out.printf("commands ok=%d errors=%d throughput=%.0f/s%n", latency.count(), errors.get(),
                latency.count() / elapsed);
        System.out.println("command latency ms " + latency.summary());
        System.out.printf("command-to-read-model lag ms (via SSE, %d of %d events seen) %s%n", lag.count(),
                answered.size(), lag.summary());
        if (measureLag) {
            System.out.println("recordedAt-to-SSE lag ms " + recordedLag.summary());
            System.out.printf("read side delivered the last event %d ms after the last command's answer%n",
                    TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastSeen - lastAnswer)));
        }
    }

    /** Records when each event (aggregateId:sequence) arrives on the SSE stream. */
    private Thread follow(Map<String, Long> streamed, Map<String, Long> sinceRecorded) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/stream"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                Matcher matcher = STREAMED.matcher(line);
                Matcher recorded = RECORDED_AT.matcher(line);
                if (matcher.find() && recorded.find()) {
                    String key = matcher.group(1) + ":" + matcher.group(2);
                    if (streamed.putIfAbsent(key, System.nanoTime()) == null) {
                        // wall clock against wall clock, both on this machine: nanoseconds since recordedAt
                        Instant at = Instant.parse(recorded.group(1));
                        sinceRecorded.put(key, Duration.between(at, Instant.now()).toNanos());
                    }
                }
            }
        }), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String extract(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected answer: " + body);
        }
        return matcher.group(1);
    }

    /** Collects durations in nanoseconds and prints percentiles in milliseconds. */
    private static final class Recorder {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void record(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long count() {
            return size;
        }

        synchronized String summary() {
            if (size == 0) {
                return "n=0";
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return String.format("n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f", size, pct(sorted, 0.50),
                    pct(sorted, 0.90), pct(sorted, 0.99), sorted[size - 1] / 1e6);
        }

        private static double pct(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }
}
