package dev.eventcrm.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out benchmark: opens N subscriptions to {@code /api/v1/stream} (no filter), waits until all are connected,
 * then sends MoveDealStage commands at a fixed rate and measures, for every event each subscriber receives, the delay
 * from the envelope's {@code recordedAt} to its arrival; at the end it checks that every subscriber received every
 * answered command's event exactly once. A stream the server completes (its buffer overflowed) is resumed with
 * {@code Last-Event-ID}, as a browser would. The subscriptions are read by one selector thread over plain sockets, so the
 * client takes little of the machine it shares with the server.
 * <p>
 * Usage: {@code java -cp crm-loadgen.jar dev.eventcrm.loadgen.SseBench [baseUrl] [subscribers] [seconds] [rate/s]}
 */
public final class SseBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern STREAMED = Pattern.compile("\"aggregateId\":\"([^\"]+)\",\"sequence\":(\\d+)");
    private static final String[] CYCLE = {"QUALIFIED", "PROPOSAL", "NEGOTIATION"};
    private static final int DEALS = 50;

    private final String baseUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http;
    private final Delays delays = new Delays();
    /** Per feed position (from firstBase), its earliest arrival at any subscriber; selector thread only. */
    private long[] firstArrivals = new long[1 << 16];
    private long firstBase = -1;
    private final byte[] minute = new byte[16];
    private long minuteMillis;
    /** aggregateId:sequence of each answered command's event, and the feed position it was seen at. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> positionOf = new ConcurrentHashMap<>();
    private final Set<String> deals = ConcurrentHashMap.newKeySet();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final InetSocketAddress address;
    private final Selector selector;
    private final Queue<Subscriber> toConnect = new ConcurrentLinkedQueue<>();

    private SseBench(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        URI uri = URI.create(baseUrl);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.selector = Selector.open();
        Thread reader = new Thread(this::select, "sse-bench-selector");
        reader.setDaemon(true);
        reader.start();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        new SseBench(baseUrl).run(subscribers, seconds, rate);
        System.exit(0);
    }

    private void run(int count, int seconds, int rate) throws Exception {
        String contact = extract(ID, post("/api/v1/contacts", "{\"name\":\"SSE Bench\",\"ownerId\":\"m1\"}"));
        List<String> dealIds = new ArrayList<>();
        for (int i = 0; i < DEALS; i++) {
            dealIds.add(extract(ID, post("/api/v1/deals", "{\"contactId\":\"" + contact + "\",\"title\":\"SSE " + i
                    + "\",\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}")));
        }
        deals.addAll(dealIds);
        // Lets the deals' own events reach the feed before anyone subscribes.
        TimeUnit.SECONDS.sleep(2);

        CountDownLatch connected = new CountDownLatch(count);
        List<Subscriber> subscribers = new ArrayList<>();
        long connecting = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Subscriber subscriber = new Subscriber(connected);
            subscribers.add(subscriber);
            subscriber.connect(null);
            if (i % 200 == 199) {
                TimeUnit.MILLISECONDS.sleep(50); // spreads the handshakes a little
            }
        }
        boolean all = connected.await(120, TimeUnit.SECONDS);
        System.out.printf("subscribers: %d of %d connected in %.1f s%s%n", count - connected.getCount(), count,
                (System.nanoTime() - connecting) / 1e9, all ? "" : " (timed out waiting for the rest)");

        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long total = (long) seconds * rate;
        for (long k = 0; k < total; k++) {
            long wait = start + (long) (k * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String deal = dealIds.get((int) (k % DEALS));
            String stage = CYCLE[(int) ((k / DEALS) % CYCLE.length)];
            http.sendAsync(request("/api/v1/deals/" + deal + "/stage", "{\"stage\":\"" + stage + "\"}"),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() / 100 != 2) {
                            errors.incrementAndGet();
                        } else {
                            answered.add(deal + ":" + extract(VERSION, response.body()));
                        }
                    });
        }
        // Drain: until every subscriber has every answered event, or 30 s.
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < drainUntil && (answered.size() + errors.get() < total
                || expected().size() < answered.size()
                || subscribers.stream().anyMatch(s -> s.missing(expected()) > 0))) {
            TimeUnit.MILLISECONDS.sleep(200);
        }

        List<Long> expected = expected();
        long missing = 0;
        long incomplete = 0;
        long duplicates = 0;
        long delivered = 0;
        for (Subscriber subscriber : subscribers) {
            long lost = subscriber.missing(expected);
            missing += lost;
            incomplete += lost > 0 ? 1 : 0;
            duplicates += subscriber.duplicates;
            delivered += subscriber.received;
        }
        System.out.printf("commands: %d sent at %d/s over %d s, %d answered 2xx, %d failed; %d of their events seen "
                + "on the stream%n", total, rate, seconds, answered.size(), errors.get(), expected.size());
        System.out.printf("events delivered: %d (expected %d subscribers x %d events = %d)%n", delivered,
                subscribers.size(), answered.size(), (long) subscribers.size() * answered.size());
        Delays spread = new Delays();
        subscribers.forEach(subscriber -> subscriber.spread(spread));
        System.out.println("delivery delay ms (recordedAt to arrival) " + delays.summary());
        System.out.println("fan-out spread ms (first arrival of an event at any subscriber to this one) "
                + spread.summary());
        System.out.printf("lost: %d events missing over %d subscribers (of %d); duplicates %d; reconnects after the "
                + "server completed a stream %d; stream failures %d%n", missing + (long) subscribers.size()
                * (answered.size() - expected.size()), incomplete, subscribers.size(), duplicates, reconnects.get(),
                failures.get());
    }

    /** Feed positions of the answered commands' events (an event never seen by anyone has none). */
    private List<Long> expected() {
        return answered.stream().map(positionOf::get).filter(p -> p != null).toList();
    }

    /**
     * One SSE connection, read by the bench's single selector thread: a plain non-blocking socket and a line parser
     * over the raw bytes, so that the client costs little beside the server on the same machine.
     */
    private final class Subscriber {
        private final CountDownLatch connected;
        private boolean counted;
        private long lastId = -1;
        private long currentId = -1;
        private long base = -1;
        private final BitSet seen = new BitSet();
        /** (position, arrival millis) pairs. */
        private long[] arrivals = new long[256];
        private byte[] line = new byte[1024];
        private int length;
        private ByteBuffer request;
        long received;
        long duplicates;

        Subscriber(CountDownLatch connected) {
            this.connected = connected;
        }

        void connect(String lastEventId) {
            String head = "GET /api/v1/stream HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                    + "\r\nAccept: text/event-stream\r\n"
                    + (lastEventId != null ? "Last-Event-ID: " + lastEventId + "\r\n" : "") + "\r\n";
            request = ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII));
            length = 0;
            toConnect.add(this);
            selector.wakeup();
        }

        /** Splits the bytes into lines; chunk-size lines of the chunked encoding are simply not SSE fields. */
        boolean feed(ByteBuffer bytes, long now) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b != '\n') {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, length * 2);
                    }
                    line[length++] = b;
                    continue;
                }
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                length = 0;
                if (startsWith("id:", end)) {
                    currentId = Long.parseLong(new String(line, 3, end - 3, StandardCharsets.US_ASCII).trim());
                } else if (startsWith("data:", end) && currentId >= 0) {
                    record(5, end, now);
                    currentId = -1;
                } else if (startsWith(":connected", end) && !counted) {
                    counted = true;
                    connected.countDown();
                } else if (end == 1 && line[0] == '0') {
                    return false; // the last chunk: the server completed the stream
                }
            }
            return true;
        }

        private boolean startsWith(String prefix, int end) {
            if (end < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (line[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        // On the selector thread; parses the bytes, and builds a string only for an event's first arrival.
        private synchronized void record(int from, int end, long now) {
            long position = currentId;
            lastId = Math.max(lastId, position);
            if (base < 0) {
                base = position;
            }
            if (position < base || seen.get((int) (position - base))) {
                duplicates++;
                return;
            }
            seen.set((int) (position - base));
            received++;
            if (arrivals.length < 2 * received) {
                arrivals = Arrays.copyOf(arrivals, arrivals.length * 2);
            }
            arrivals[(int) (2 * received - 2)] = position;
            arrivals[(int) (2 * received - 1)] = now;
            long recordedAt = recordedAtMillis(line, from, end);
            if (recordedAt > 0) {
                delays.record(now - recordedAt);
            }
            if (firstArrival(position, now)) {
                Matcher aggregate = STREAMED.matcher(new String(line, from, end - from, StandardCharsets.UTF_8));
                if (aggregate.find() && deals.contains(aggregate.group(1))) {
                    positionOf.putIfAbsent(aggregate.group(1) + ":" + aggregate.group(2), position);
                }
            }
        }

        synchronized void spread(Delays spread) {
            for (int i = 0; i < 2 * received; i += 2) {
                spread.record(arrivals[i + 1] - firstArrivals[(int) (arrivals[i] - firstBase)]);
            }
        }

        synchronized long missing(List<Long> expected) {
            return expected.stream().filter(p -> base < 0 || p < base || !seen.get((int) (p - base))).count();
        }

        /** The server ended the stream (buffer overflow or shutdown): resume after the last id, like EventSource. */
        void resume() {
            reconnects.incrementAndGet();
            long resumeAfter;
            synchronized (this) {
                resumeAfter = lastId;
            }
            connect(resumeAfter >= 0 ? Long.toString(resumeAfter) : null);
        }
    }

    /** Records the first arrival of a position; true the first time. Selector thread only. */
    private boolean firstArrival(long position, long now) {
        if (firstBase < 0) {
            firstBase = position;
        }
        int index = (int) (position - firstBase);
        if (index < 0) {
            return false; // older than anything the bench measures
        }
        if (index >= firstArrivals.length) {
            firstArrivals = Arrays.copyOf(firstArrivals, Math.max(index + 1, firstArrivals.length * 2));
        }
        if (firstArrivals[index] != 0) {
            return false;
        }
        firstArrivals[index] = now;
        return true;
    }

    private static final byte[] RECORDED_AT = "\"recordedAt\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The envelope's recordedAt ({@code yyyy-MM-ddTHH:mm:ss[.fff...]Z}) in epoch millis, or 0 if absent. */
    private long recordedAtMillis(byte[] line, int from, int end) {
        int at = indexOf(line, from, end, RECORDED_AT);
        if (at < 0 || at + RECORDED_AT.length + 20 > end) {
            return 0;
        }
        int t = at + RECORDED_AT.length;
        if (!Arrays.equals(line, t, t + 16, minute, 0, 16)) {
            System.arraycopy(line, t, minute, 0, 16);
            minuteMillis = LocalDateTime.parse(new String(minute, StandardCharsets.US_ASCII))
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        long millis = minuteMillis + ((line[t + 17] - '0') * 10 + (line[t + 18] - '0')) * 1000L;
        if (line[t + 19] == '.') {
            int scale = 100;
            for (int i = t + 20; i < end && scale > 0 && line[i] >= '0' && line[i] <= '9'; i++, scale /= 10) {
                millis += (line[i] - '0') * scale;
            }
        }
        return millis;
    }

    private static int indexOf(byte[] bytes, int from, int end, byte[] wanted) {
        outer:
        for (int i = from; i <= end - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void select() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 18);
        while (true) {
            try {
                selector.select(100);
                for (Subscriber subscriber; (subscriber = toConnect.poll()) != null; ) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(address);
                    channel.register(selector, SelectionKey.OP_CONNECT, subscriber);
                }
                long now = System.currentTimeMillis();
                for (SelectionKey key : selector.selectedKeys()) {
                    Subscriber subscriber = (Subscriber) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            channel.finishConnect();
                            channel.write(subscriber.request); // a few hundred bytes: fits the socket buffer
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            buffer.clear();
                            boolean open = channel.read(buffer) >= 0;
                            buffer.flip();
                            if (!open || !subscriber.feed(buffer, now)) {
                                key.cancel();
                                channel.close();
                                subscriber.resume();
                            }
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        key.cancel();
                        channel.close();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String extract(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected answer: " + body);
        }
        return matcher.group(1);
    }

    /** Delivery delays in milliseconds. */
    private static final class Delays {
        private long[] values = new long[1 << 20];
        private int size;

        synchronized void record(long millis) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = millis;
        }

        synchronized String summary() {
            if (size == 0) {
                return "n=0";
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return String.format("n=%d p50=%d p90=%d p99=%d max=%d", size, pct(sorted, 0.50), pct(sorted, 0.90),
                    pct(sorted, 0.99), sorted[size - 1]);
        }

        private static long pct(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }
}
