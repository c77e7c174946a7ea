package dev.eventcrm.projections.fold;

import org.bson.Document;

/** How one read model's state is stored: the document's own fields (the contract with query-service). */
public interface StateCodec<S> {

    /** The document's fields without {@code _id} and the store's bookkeeping ({@code version}, {@code applied}, {@code rev}). */
    Document encode(S state);

    S decode(String id, Document document);
}
