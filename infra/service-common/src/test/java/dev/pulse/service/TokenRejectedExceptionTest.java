package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenRejectedExceptionTest {

    @Test
    void shouldReplaceWhatCannotStandInAQuotedHeaderValue() {
        TokenRejectedException refused = new TokenRejectedException("a\"b\\c\nd\u0000e é\u2028f\u007f");

        assertThat(refused.getMessage()).isEqualTo("a?b?c?d?e ??f?");
    }

    @Test
    void shouldKeepAPlainMessageAsItIs() {
        assertThat(new TokenRejectedException("claim 'exp' must be a number; see (RFC 7519)").getMessage())
                .isEqualTo("claim 'exp' must be a number; see (RFC 7519)");
    }

    @Test
    void shouldCallARefusalWithoutAKindInvalid() {
        assertThat(new TokenRejectedException("wrong audience").kind()).isEqualTo(TokenRejectedException.Kind.INVALID);
    }
}
