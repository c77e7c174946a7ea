package dev.eventcrm.query.mongo;

import java.util.List;

import com.mongodb.client.model.IndexModel;

/** Indexes a feature's queries need; {@link IndexInitializer} creates them at startup. */
public interface ReadModelIndexes {

    String collection();

    List<IndexModel> indexes();
}
