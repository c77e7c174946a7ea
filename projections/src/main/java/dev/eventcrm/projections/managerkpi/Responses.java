package dev.eventcrm.projections.managerkpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A "responses" document's state: the deals opened with one contact and every call, meeting and e-mail about that
 * contact or about one of those deals, so that one document sees everything a deal's first response depends on.
 *
 * @param openings in the order they were folded
 * @param touches  each activity's own time and what it names (its contact, its deal or null)
 */
public record Responses(List<Opening> openings, List<Touch> touches) {
    /** Not an aggregate's id (those are UUIDs), so no call, meeting, e-mail, task or deal takes it. */
    static final String PREFIX = "responses:";
    static final Responses NONE = new Responses(List.of(), List.of());

    public Responses {
        openings = List.copyOf(openings);
        touches = List.copyOf(touches);
    }

    /** A deal as opened: with its contact then, by its owner then (who its first response counts for). */
    public record Opening(String dealId, String contactId, String openerId, Instant at) {
    }

    public record Touch(Instant at, String contactId, String dealId) {
    }

    Responses with(Opening opening) {
        List<Opening> all = new ArrayList<>(openings);
        all.add(opening);
        return new Responses(all, touches);
    }

    Responses with(Touch touch) {
        List<Touch> all = new ArrayList<>(touches);
        all.add(touch);
        return new Responses(openings, all);
    }

    /**
     * The time from the opening to the first call, meeting or e-mail (by anyone) about the deal or its contact at
     * or after the opening; null while there is none. Touches are only ever added, so once answered a deal stays
     * answered (a late-logged earlier touch can only shorten it).
     */
    public Duration firstResponse(Opening opening) {
        return touches.stream()
                .filter(touch -> opening.dealId().equals(touch.dealId())
                        || opening.contactId() != null && opening.contactId().equals(touch.contactId()))
                .map(Touch::at).filter(at -> !at.isBefore(opening.at())).min(Comparator.naturalOrder())
                .map(first -> Duration.between(opening.at(), first)).orElse(null);
    }

    /** The id of the responses document of a deal opened with {@code contactId} (by deal only without one). */
    static String documentId(String contactId, String dealId) {
        return contactId != null ? PREFIX + "c:" + contactId : PREFIX + "d:" + Objects.requireNonNull(dealId);
    }

    static boolean isResponses(String documentId) {
        return documentId.startsWith(PREFIX);
    }
}
