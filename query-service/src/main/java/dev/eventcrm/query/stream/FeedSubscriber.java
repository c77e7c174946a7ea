package dev.eventcrm.query.stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One SSE subscriber of the hub: its filter, its resume point and its bounded buffer of frames not yet taken by its
 * connection. Frames are only offered under the hub's lock, so the buffer has a single producer at a time.
 */
final class FeedSubscriber {

    final ChangeFilter filter;
    /** The position it has received (or passed over) everything up to; moves only until it joins the live stream. */
    volatile long after;
    /** Nothing was sent since the last heartbeat round (hub's lock). */
    boolean quiet;
    private final Sinks.Many<Frame> buffer;

    FeedSubscriber(ChangeFilter filter, long after, int capacity) {
        this.filter = filter;
        this.after = after;
        this.buffer = Sinks.many().unicast().onBackpressureBuffer(Queues.<Frame>get(capacity).get());
    }

    /** False when the buffer is full or the connection gone: the hub then drops the subscriber. */
    boolean offer(Frame frame) {
        return buffer.tryEmitNext(frame).isSuccess();
    }

    /** Ends the stream cleanly once the buffered frames are sent; the client resumes from the last id it got. */
    void complete() {
        buffer.tryEmitComplete();
    }

    Flux<Frame> frames() {
        return buffer.asFlux();
    }
}
