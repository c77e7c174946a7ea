package dev.eventcrm.query.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/**
 * A single record's answer with {@code ETag: "<aggregate version>"}, the strong tag that updating commands accept
 * in If-Match. The read model also shows tallies of other aggregates (a deal's or contact's calls) that change the
 * body without changing the version, so the tag must not validate caches: {@code no-store} keeps clients from
 * revalidating with If-None-Match and being told 304 about a changed body.
 */
public final class VersionTag {

    private VersionTag() {
    }

    public static <T> ResponseEntity<T> ok(long version, T body) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").cacheControl(CacheControl.noStore()).body(body);
    }
}
