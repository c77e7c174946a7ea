package dev.eventcrm.query.stream;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, encoded once and shared by every subscriber that receives it. {@code position} is the
 * change-feed position, or {@link #NO_POSITION} for messages that are not feed entries (they carry no {@code id:},
 * so they never move a client's resume point).
 */
record Frame(long position, String type, String aggregateId, String recipientId, byte[] bytes) {

    static final long NO_POSITION = -1;
    static final String REBUILD_PROGRESS = "ProjectionRebuildProgress";
    static final Frame CONNECTED = comment("connected");
    static final Frame HEARTBEAT = comment("heartbeat");

    static Frame change(Change change) {
        StringBuilder sse = new StringBuilder(change.envelope().length() + 64)
                .append("id:").append(change.position()).append('\n');
        if (change.type() != null) {
            sse.append("event:").append(change.type()).append('\n');
        }
        return new Frame(change.position(), change.type(), change.aggregateId(), change.recipientId(),
                encode(data(sse, change.envelope())));
    }

    static Frame rebuildProgress(String json) {
        StringBuilder sse = new StringBuilder("event:").append(REBUILD_PROGRESS).append('\n');
        return new Frame(NO_POSITION, REBUILD_PROGRESS, null, null, encode(data(sse, json)));
    }

    private static Frame comment(String text) {
        return new Frame(NO_POSITION, null, null, null, encode(new StringBuilder(":").append(text).append('\n')));
    }

    boolean isChange() {
        return position != NO_POSITION;
    }

    /** One {@code data:} line per line of the payload, as the SSE format requires. */
    private static StringBuilder data(StringBuilder sse, String payload) {
        for (String line : payload.split("\r\n|\r|\n", -1)) {
            sse.append("data:").append(line).append('\n');
        }
        return sse;
    }

    private static byte[] encode(StringBuilder sse) {
        return sse.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
