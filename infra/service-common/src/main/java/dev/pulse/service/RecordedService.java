package dev.pulse.service;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * A service's {@link HttpService} as {@link Routes#register} hands it to Helidon: the service declares
 * its routes on rules that pass each one to Helidon and remember it under its whole pattern (the
 * registration path plus the route's own), so the shared routing knows its methods for 405, {@code Allow},
 * {@code OPTIONS} and CORS, and a {@code GET} also answers {@code HEAD}. Helidon's lifecycle calls reach
 * the service unchanged.
 */
final class RecordedService implements HttpService {

    private final HttpService service;
    private final String path;
    private final Routes routes;

    RecordedService(HttpService service, String path, Routes routes) {
        this.service = service;
        this.path = path;
        this.routes = routes;
    }

    @Override
    public void routing(HttpRules rules) {
        service.routing(new RecordingRules(rules));
    }

    @Override
    public void beforeStart() {
        service.beforeStart();
    }

    @Override
    public void afterStart(WebServer webServer) {
        service.afterStart(webServer);
    }

    @Override
    public void afterStop() {
        service.afterStop();
    }

    /** A route pattern under a registration path, as one whole pattern; {@code "/"} is the path itself. */
    static String join(String path, String pattern) {
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return pattern.equals("/") ? (base.isEmpty() ? "/" : base) : base + pattern;
    }

    private final class RecordingRules implements HttpRules {

        private final HttpRules rules;

        RecordingRules(HttpRules rules) {
            this.rules = rules;
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            rules.route(method, pathPattern, handler);
            if (method.equals(Method.GET)) {
                rules.route(Method.HEAD, pathPattern, Routes.headOf(handler));
                routes.remember(join(path, pathPattern), Method.GET, Method.HEAD);
            } else {
                routes.remember(join(path, pathPattern), method);
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            throw new UnsupportedOperationException("Routes cannot see the methods and path of a prebuilt route ("
                    + route + "): declare it by method and path pattern, e.g. rules.get(\"/{id}\", handler)");
        }

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService nested : services) {
                rules.register(new RecordedService(nested, path, routes));
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService nested : services) {
                rules.register(pathPattern, new RecordedService(nested, join(path, pathPattern), routes));
            }
            return this;
        }
    }
}
