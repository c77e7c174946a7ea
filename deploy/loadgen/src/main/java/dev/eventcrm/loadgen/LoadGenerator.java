package dev.eventcrm.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the command API with MoveDealStage-like commands (load an existing aggregate, append one event) and
 * measures, per command, the HTTP latency and the command-to-read-model lag: the time from the 2xx answer until
 * {@code GET /api/v1/deals/{id}} shows the new version. Two modes: closed loop (N workers as fast as they can) and
 * open loop at a fixed offered rate, whose latency includes queueing (no coordinated omission).
 * <p>
 * Usage: {@code java -jar crm-loadgen.jar [baseUrl] [workers] [seconds] [ratePerSecond|0]}
 */
public final class LoadGenerator {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
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
        new LoadGenerator(baseUrl).run(workers, seconds, rate);
    }

    private void run(int workers, int seconds, int rate) throws Exception {
        String contactId = extract(ID, send("POST", "/api/v1/contacts",
                "{\"name\":\"Load Test\",\"ownerId\":\"m1\"}").body());
        List<String> deals = new ArrayList<>();
        int dealCount = workers * Math.max(4, (32 + workers - 1) / workers);
        for (int i = 0; i < dealCount; i++) {
            deals.add(extract(ID, send("POST", "/api/v1/deals", "{\"contactId\":\"" + contactId
                    + "\",\"title\":\"Load " + i + "\",\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},"
                    + "\"ownerId\":\"m1\"}").body()));
        }
        Map<String, Integer> nextStage = new ConcurrentHashMap<>();
        Recorder latency = new Recorder();
        Recorder lag = new Recorder();
        AtomicLong errors = new AtomicLong();
        ExecutorService lagProbes = Executors.newFixedThreadPool(2);
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
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        long version = Long.parseLong(extract(VERSION, answer.body()));
                        lagProbes.submit(() -> probeLag(deal, version, done, lag));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        lagProbes.shutdown();
        lagProbes.awaitTermination(60, TimeUnit.SECONDS);

        System.out.printf("mode=%s workers=%d duration=%.1fs%n", rate > 0 ? "open-loop@" + rate + "/s" : "closed-loop",
                workers, elapsed);
        System.out.printf("commands ok=%d errors=%d throughput=%.0f/s%n", latency.count(), errors.get(),
                latency.count() / elapsed);
        System.out.println("command latency ms " + latency.summary());
        System.out.println("command-to-read-model lag ms (sampled 1 in 10) " + lag.summary());
    }

    /** Polls the deal until it shows the version the command answered; records time since the answer. */
    private void probeLag(String deal, long version, long answeredAt, Recorder lag) {
        long deadline = answeredAt + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> read = send("GET", "/api/v1/deals/" + deal, null);
                if (read.statusCode() == 200 && Long.parseLong(extract(VERSION, read.body())) >= version) {
                    lag.record(System.nanoTime() - answeredAt);
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        } catch (Exception e) {
            // a failed probe is reported through the count of lag samples
        }
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
