package dev.pulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PreviewTest {

    /** Characters that take more than one UTF-16 unit, or more than one code point. */
    static Stream<Arguments> wideCharacters() {
        return Stream.of(Arguments.of("surrogate pair", "😀"), Arguments.of("flag", "🇫🇷"),
                Arguments.of("family (ZWJ sequence)", "👨‍👩‍👧"), Arguments.of("skin tone", "👍🏽"),
                Arguments.of("combining accent", "e\u0301"));
    }

    @ParameterizedTest(name = "{0} at every offset")
    @MethodSource("wideCharacters")
    void shouldNeverSplitACharacterWhereverTheCutFalls(String name, String wide) {
        for (int offset = Preview.MAX_CHARS - 12; offset <= Preview.MAX_CHARS + 2; offset++) {
            String text = "a".repeat(offset) + wide + "b".repeat(50);

            String preview = Preview.of(text);

            assertThat(preview.length()).isLessThanOrEqualTo(Preview.MAX_CHARS);
            assertThat(preview).endsWith("…");
            String kept = preview.substring(0, preview.length() - 1);
            assertThat(text).startsWith(kept);
            assertThat(kept.length() <= offset || kept.length() >= offset + wide.length())
                    .as("the %d-unit character at %d is kept whole or left out, kept %d units",
                            wide.length(), offset, kept.length())
                    .isTrue();
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 139, 140})
    void shouldKeepShortTextsWhole(int length) {
        String text = "x".repeat(length);

        assertThat(Preview.of(text)).isEqualTo(text);
    }
}
