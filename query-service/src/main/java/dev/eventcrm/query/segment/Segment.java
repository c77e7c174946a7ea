package dev.eventcrm.query.segment;

/**
 * The named RFM segments of a customer (a contact with at least one won deal), from its recency (R), frequency (F)
 * and monetary (M) scores 1-5. The rules are tried in this order and the first that holds names the segment; every
 * score combination has exactly one segment.
 */
public enum Segment {
    /** R >= 4, F >= 4 and M >= 4: bought recently, often and much. */
    CHAMPIONS("champions", "Champions"),
    /** R >= 3 and F >= 3: buys regularly and not long ago. */
    LOYAL("loyal", "Loyal"),
    /** R = 5 and F = 1: a first purchase just now. */
    NEW("new", "New"),
    /** R >= 3 (and F <= 2): recent, but not yet frequent. */
    POTENTIAL_LOYALIST("potential-loyalist", "Potential loyalist"),
    /** R <= 2, F >= 4 and M >= 4: was among the best, not lately. */
    CANNOT_LOSE_THEM("cannot-lose-them", "Cannot lose them"),
    /** R <= 2 and F >= 3: bought regularly, not lately. */
    AT_RISK("at-risk", "At risk"),
    /** R = 2 (and F <= 2): few purchases, a while ago. */
    HIBERNATING("hibernating", "Hibernating"),
    /** R = 1 (and F <= 2): few purchases, longest ago. */
    LOST("lost", "Lost");

    private final String id;
    private final String title;

    Segment(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    static Segment of(int recency, int frequency, int monetary) {
        if (recency >= 4 && frequency >= 4 && monetary >= 4) {
            return CHAMPIONS;
        }
        if (recency >= 3 && frequency >= 3) {
            return LOYAL;
        }
        if (recency == 5 && frequency == 1) {
            return NEW;
        }
        if (recency >= 3) {
            return POTENTIAL_LOYALIST;
        }
        if (frequency >= 4 && monetary >= 4) {
            return CANNOT_LOSE_THEM;
        }
        if (frequency >= 3) {
            return AT_RISK;
        }
        return recency == 2 ? HIBERNATING : LOST;
    }
}
