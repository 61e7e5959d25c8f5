package dev.pulse.processor.query;

import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import dev.pulse.service.ServiceRoutes;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who may read what, checked by each query route before it reads or forwards anything: one post's or
 * one user's counts and the trending list are what every app user sees, so any valid token reads them
 * (the WebSocket edge asks for them with its user's token); batches of counts and top lists are bulk
 * reads for analysts and need the {@code analytics} scope; a user's inbox is for that user (or an
 * analyst). A refusal is a 403 {@code forbidden} problem naming the rule.
 */
final class Access {

    private Access() {
    }

    static void requireAnalytics(ServerRequest req) {
        if (!BearerAuthFilter.principal(req).hasScope(Principal.ANALYTICS_SCOPE)) {
            throw forbidden(req);
        }
    }

    static void requireSelfOrAnalytics(ServerRequest req, String userId) {
        Principal principal = BearerAuthFilter.principal(req);
        if (!principal.userId().equals(userId) && !principal.hasScope(Principal.ANALYTICS_SCOPE)) {
            throw forbidden(req);
        }
    }

    private static ProblemException forbidden(ServerRequest req) {
        return ProblemException.forbidden("this token may not read " + ServiceRoutes.wholePath(req)
                + ": batches of counts and top lists need the 'analytics' scope; an inbox only its owner");
    }
}
