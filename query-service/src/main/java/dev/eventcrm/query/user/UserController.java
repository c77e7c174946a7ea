package dev.eventcrm.query.user;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.IdCursor;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.VersionTag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static dev.eventcrm.query.mongo.Documents.intValue;
import static dev.eventcrm.query.mongo.Documents.string;

/** The users and the teams they make up, as the {@code users} read model holds them. */
@RestController
class UserController {

    private final UserRepository users;
    private final QueryProperties properties;

    UserController(UserRepository users, QueryProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    /** Users by team, role and whether active (each if given), cursor-paginated in id order. */
    @GetMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserPage> list(@RequestParam(required = false) String teamId,
                        @RequestParam(required = false) String role,
                        @RequestParam(required = false) String active,
                        @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1,
                properties.maxPageSize());
        String afterId = IdCursor.decode(cursor);
        List<Bson> conditions = new ArrayList<>();
        String team = QueryParams.optional(teamId);
        if (team != null) {
            conditions.add(Filters.eq("teamId", team));
        }
        String roleName = QueryParams.optional(role);
        if (roleName != null) {
            conditions.add(Filters.eq("role", roleName));
        }
        String activeFlag = QueryParams.optional(active);
        if (activeFlag != null) {
            conditions.add(Filters.eq("active", FlagParam.parse("active", activeFlag)));
        }
        return users.findPage(conditions, afterId, size).map(docs -> {
            boolean more = docs.size() > size;
            List<Document> page = more ? docs.subList(0, size) : docs;
            String next = more ? IdCursor.encode(String.valueOf(page.get(page.size() - 1).get("_id"))) : null;
            return new UserPage(page.stream().map(UserView::from).toList(), next);
        });
    }

    @GetMapping(path = "/api/v1/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<UserView>> get(@PathVariable String id) {
        return users.findById(id)
                .map(UserView::from)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("User " + id + " does not exist")));
    }

    /** Computed from the users on each request: teams have no record of their own. */
    @GetMapping(path = "/api/v1/teams", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TeamList> teams() {
        return users.teams()
                .map(team -> new TeamList.Team(string(team, "_id"), intValue(team, "members", 0),
                        intValue(team, "activeMembers", 0)))
                .collectList()
                .map(TeamList::new);
    }
}
