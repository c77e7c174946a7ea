package dev.eventcrm.query.contact;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.eventcrm.query.mongo.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * Search by prefix of a term (an anchored regex uses the multikey index), and the owner and company filters, in
 * {@code _id} order.
 */
@Component
class ContactIndexes implements ReadModelIndexes {

    @Override
    public String collection() {
        return ContactRepository.COLLECTION;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("search", "_id")),
                new IndexModel(Indexes.ascending("ownerId", "_id")),
                new IndexModel(Indexes.ascending("companyId", "_id")),
                // a survivor's timeline gathers the contacts merged into it
                new IndexModel(Indexes.ascending("mergedInto")));
    }
}
