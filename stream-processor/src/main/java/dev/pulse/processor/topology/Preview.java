package dev.pulse.processor.topology;

import java.text.BreakIterator;

/**
 * The short text a notification shows of a comment or message: at most {@link #MAX_CHARS} UTF-16
 * units, cut only between user-perceived characters (grapheme clusters), so an emoji, a flag or a
 * letter with its accents is kept whole or left out, never split into a broken character.
 */
final class Preview {

    /** Longest preview, ellipsis included, in UTF-16 units. */
    static final int MAX_CHARS = 140;
    private static final String ELLIPSIS = "…";

    private Preview() {
    }

    static String of(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int cut = graphemes.preceding(MAX_CHARS - ELLIPSIS.length() + 1);
        return text.substring(0, Math.max(cut, 0)) + ELLIPSIS;
    }
}
