package dev.pulse.ingest;

import dev.pulse.service.HmacTokens;
import dev.pulse.service.Json;
import dev.pulse.service.JsonBody;
import dev.pulse.service.JwtSettings;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * {@code POST /v1/dev/token} (registered under {@value #PATH}, and only in {@link DevMode}; elsewhere the path
 * is unknown, 404): a token for any user id and scopes ({@link DevTokenRequest}), HS256-signed with the
 * service's own secret and issuer, so this service and every other one sharing the key accept it. It needs
 * no token itself: it is how a caller gets one.
 */
final class DevTokenService implements HttpService {

    static final String PATH = "/v1/dev";
    static final String TOKEN_PATH = PATH + "/token";
    /** Largest body accepted; a request is a user id and a few scopes. */
    static final long MAX_BYTES = 16_384;

    private final DevMode dev;
    private final byte[] secret;
    private final String issuer;
    private final Clock clock;

    DevTokenService(DevMode dev, JwtSettings jwt, Clock clock) {
        this.dev = dev;
        this.secret = jwt.hmacSecret().orElseThrow(() -> new IllegalArgumentException("dev mode needs an HS256 secret"));
        this.issuer = jwt.issuer().orElse(DevMode.DEFAULT_ISSUER);
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/token", this::issue);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        DevTokenRequest request = DevTokenRequest.read(JsonBody.read(req, MAX_BYTES), dev);
        // JWT times are whole seconds: issue at a whole second so expiresAt is exactly the token's exp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = new HmacTokens(secret, issuer, Clock.fixed(now, ZoneOffset.UTC))
                .issue(request.userId(), request.scopes(), request.lifetime());
        Json.send(res, Status.OK_200, new Issued(token, now.plus(request.lifetime())));
    }

    /** The answer: the token, and when it expires. */
    record Issued(String token, Instant expiresAt) {
    }
}
