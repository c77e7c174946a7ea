package dev.eventcrm.command.dispatch;

import dev.eventcrm.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IfMatchTest {

    @Test
    void readsTheStrongTagTheLegacyBareNumberAndAny() {
        assertThat(IfMatch.version("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.version(" 3 ")).isEqualTo(3L);
        assertThat(IfMatch.version("*")).isNull();
        assertThat(IfMatch.version(null)).isNull();
    }

    @Test
    void aWeakTagFailsThePreconditionBecauseIfMatchComparesStrongly() {
        ApiException failure = catchThrowableOfType(ApiException.class, () -> IfMatch.version("W/\"3\""));
        assertThat(failure.getStatus().value()).isEqualTo(412);
        assertThat(failure.getSlug()).isEqualTo("precondition-failed");
    }

    @Test
    void anythingElseIsAnInvalidHeader() {
        for (String header : new String[] {"", "abc", "\"3\", \"4\"", "-1", "\"3", "99999999999999999999"}) {
            ApiException failure = catchThrowableOfType(ApiException.class, () -> IfMatch.version(header));
            assertThat(failure.getStatus().value()).as(header).isEqualTo(400);
            assertThat(failure.getErrors()).extracting(ApiException.FieldError::field).containsExactly("If-Match");
        }
    }
}
