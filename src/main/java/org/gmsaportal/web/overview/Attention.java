package org.gmsaportal.web.overview;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One thing on the overview that needs someone now, with the page where it is acted on.
 *
 * @param kind what sort of thing ({@code run}, {@code runs-more}, {@code requests}, {@code drift}, {@code findings},
 * {@code snapshot-incomplete}, {@code connection}, {@code webhook-certificate}), for the page's styling and the tests
 * @param tone {@code danger} or {@code warn}
 * @param text what is wrong, in a sentence
 * @param at when it happened, shown in the viewer's zone, or {@code null}
 * @param link where to act
 * @param action the link's text
 */
public record Attention(String kind, String tone, String text, @Nullable Instant at, String link, String action) {
}
