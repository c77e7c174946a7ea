package dev.eventcrm.api.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTest {

    @Test
    void wordsAreFoldedToLowerCaseWithoutAccents() {
        assertThat(SearchText.words("José  Müller-Lüdenscheidt")).containsExactly("jose", "muller", "ludenscheidt");
        assertThat(SearchText.words("Ёлкина Анна")).containsExactly("елкина", "анна");
        assertThat(SearchText.words("ELKINA")).containsExactly("elkina");
    }

    @Test
    void blankOrMissingTextHasNoWords() {
        assertThat(SearchText.words(null)).isEmpty();
        assertThat(SearchText.words("  -- ")).isEmpty();
    }
}
