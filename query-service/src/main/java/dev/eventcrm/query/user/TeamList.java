package dev.eventcrm.query.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every team some user is in, in id order: teams exist only as users' {@code teamId}, so there are few. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TeamList(List<Team> items) {

    /** @param members every user in the team, deactivated ones included; {@code activeMembers} the others */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Team(String id, int members, int activeMembers) {
    }
}
