package dev.eventcrm.query.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most recent change frames, in position order, in a fixed-size circular array. It covers every position in
 * {@code (floor, top]}: a position there without a frame was never written. Not thread-safe: the hub guards it.
 */
final class ChangeRing {

    private final Frame[] frames;
    private int start;
    private int size;
    private long floor;
    private long top;

    ChangeRing(int capacity) {
        this.frames = new Frame[capacity];
    }

    /** Empties the ring; it then covers nothing above {@code position}. */
    void reset(long position) {
        Arrays.fill(frames, null);
        start = 0;
        size = 0;
        floor = position;
        top = position;
    }

    long floor() {
        return floor;
    }

    long top() {
        return top;
    }

    /** Appends the frames of positions up to {@code upTo}, evicting the oldest ones beyond the capacity. */
    void append(List<Frame> read, long upTo) {
        for (Frame frame : read) {
            if (size == frames.length) {
                floor = frames[start].position();
                frames[start] = null;
                start = (start + 1) % frames.length;
                size--;
            }
            frames[(start + size) % frames.length] = frame;
            size++;
        }
        top = Math.max(top, upTo);
    }

    /** How many frames have a position above {@code after}. */
    int countAfter(long after) {
        return size - firstAfter(after);
    }

    /** Up to {@code max} frames with a position above {@code after}, in order. */
    List<Frame> after(long after, int max) {
        int from = firstAfter(after);
        int to = from + Math.min(max, size - from);
        List<Frame> result = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            result.add(frames[(start + i) % frames.length]);
        }
        return result;
    }

    /** Index (0 = oldest) of the first frame above {@code after}, by binary search: positions increase. */
    private int firstAfter(long after) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (frames[(start + mid) % frames.length].position() <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
