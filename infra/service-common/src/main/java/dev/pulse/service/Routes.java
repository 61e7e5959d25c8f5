package dev.pulse.service;

import io.helidon.http.Method;
import io.micrometer.core.instrument.MeterRegistry;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.common.uri.UriPath;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a service declares its routes. Each route is registered with Helidon and remembered, so the
 * shared routing can answer a known path with a wrong method as 405 with {@code Allow}, answer
 * {@code OPTIONS} and CORS preflights, and serve {@code HEAD} for every {@code GET} (the GET's status
 * and headers without its body). A group of routes can be a Helidon {@link HttpService} registered
 * under its path ({@link #register}); its routes are remembered the same way.
 */
public final class Routes {

    private final HttpRouting.Builder routing;
    private final MeterRegistry meters;
    private final List<Route> routes = new ArrayList<>();
    private final Set<String> publicPaths = ConcurrentHashMap.newKeySet();

    Routes(HttpRouting.Builder routing, MeterRegistry meters) {
        this.routing = routing;
        this.meters = meters;
    }

    /** Where the service registers its own meters; scraped with the shared ones at {@code /metrics}. */
    public MeterRegistry meters() {
        return meters;
    }

    public Routes get(String pattern, Handler handler) {
        routing.get(pattern, handler);
        routing.head(pattern, headOf(handler));
        return remember(pattern, Method.GET, Method.HEAD);
    }

    public Routes post(String pattern, Handler handler) {
        routing.post(pattern, handler);
        return remember(pattern, Method.POST);
    }

    public Routes put(String pattern, Handler handler) {
        routing.put(pattern, handler);
        return remember(pattern, Method.PUT);
    }

    public Routes delete(String pattern, Handler handler) {
        routing.delete(pattern, handler);
        return remember(pattern, Method.DELETE);
    }

    /**
     * Registers {@code service} with Helidon under {@code path} (its route patterns are relative to it,
     * as in {@link HttpRouting.Builder#register(String, HttpService...)}), remembering each of its
     * routes by its whole pattern. The service declares routes by method and pattern
     * ({@code rules.get("/{id}", handler)}); a {@code GET} also answers {@code HEAD}. Inside its
     * handlers {@code req.path()} is relative to {@code path}: {@code req.path().absolute()} is the
     * whole path.
     */
    public Routes register(String path, HttpService service) {
        routing.register(path, new RecordedService(service, path, this));
        return this;
    }

    /**
     * Lets requests to exactly {@code path} (a whole path, no parameters) through without a bearer token,
     * like {@code /health}. For what must work before a caller has a token, such as the ingest API's
     * development-mode token route; every other route keeps requiring one.
     */
    public Routes allowWithoutToken(String path) {
        publicPaths.add(path);
        return this;
    }

    /** Whether {@code path} needs no bearer token ({@link #allowWithoutToken}). */
    boolean isPublic(String path) {
        return publicPaths.contains(path);
    }

    /** The methods some route accepts on {@code path}, plus OPTIONS; empty when no route knows the path. */
    public Set<Method> allowed(UriPath path) {
        Set<Method> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matcher().match(path).accepted()) {
                methods.addAll(route.methods());
            }
        }
        if (!methods.isEmpty()) {
            methods.add(Method.OPTIONS);
        }
        return methods;
    }

    /** {@link #allowed} as an {@code Allow} header value. */
    public static String allowHeader(Set<Method> methods) {
        return String.join(", ", methods.stream().map(Method::text).toList());
    }

    /** {@code handler} answering HEAD: its status and headers, its body discarded. */
    static Handler headOf(Handler handler) {
        return (req, res) -> {
            res.streamFilter(body -> OutputStream.nullOutputStream());
            handler.handle(req, res);
        };
    }

    Routes remember(String pattern, Method... methods) {
        routes.add(new Route(PathMatchers.create(pattern), List.of(methods)));
        return this;
    }

    private record Route(PathMatcher matcher, List<Method> methods) {
    }
}
