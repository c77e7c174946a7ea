package dev.eventcrm.query.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.eventcrm.api.ApiException;

/** The opaque list cursor: base64url of the last returned {@code _id}; the next page is {@code _id > last}. */
public final class IdCursor {

    private IdCursor() {
    }

    public static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when absent. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length > 0) {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            }
        }
        catch (IllegalArgumentException | CharacterCodingException ignored) {
            // reported below
        }
        throw ApiException.invalid("cursor", "is not a cursor returned by this endpoint");
    }
}
