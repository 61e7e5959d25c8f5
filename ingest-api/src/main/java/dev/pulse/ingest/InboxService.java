package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.Listed;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;

/**
 * The caller's own inbox over HTTP, registered under {@value #PATH}; the user is always the token's
 * {@code sub}, never an id the client sends. Reads are forwarded to the stream processor's query API
 * ({@link ProcessorForwarder}): the page, the badge and the changes. Writes are one {@link InboxAction}
 * each, written through the {@link WriteGate} (rate limit, {@code Idempotency-Key}, counters) and answered
 * 202 once Kafka has it: {@code POST .../read},
 * {@code /seen}, {@code /unread}, {@code /archive} and {@code /unarchive} (one per {@link InboxActionKind})
 * take the action's scope as their body ({@link InboxActionBody}), {@code DELETE .../{notificationId}}
 * archives one notification.
 */
final class InboxService implements HttpService {

    static final String PATH = "/v1/me/inbox";
    /** The query parameters of the processor's page and changes routes, forwarded as they are. */
    static final List<String> PAGE_PARAMS = List.of("before", "after", "limit", "state", "types");
    static final List<String> CHANGES_PARAMS = List.of("epoch", "after");

    private final ProcessorForwarder processor;
    private final AvroJson json;
    private final WriteGate gate;
    private final long maxBytes;

    InboxService(ProcessorForwarder processor, AvroJson json, WriteGate gate, long maxBytes) {
        this.processor = processor;
        this.json = json;
        this.gate = gate.forRoute(IngestMetrics.INBOX_ROUTE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> processor.forward(req, res, inbox(req), PAGE_PARAMS))
                .get("/counts", (req, res) -> processor.forward(req, res, inbox(req) + "/counts", List.of()))
                .get("/changes", (req, res) -> processor.forward(req, res, inbox(req) + "/changes", CHANGES_PARAMS));
        for (InboxActionKind kind : InboxActionKind.values()) {
            rules.post("/" + kind.name().toLowerCase(Locale.ROOT), (req, res) -> act(req, res, kind));
        }
        rules.delete("/{notificationId}", this::archiveOne);
    }

    /** The processor's path of the caller's inbox. */
    private static String inbox(ServerRequest req) {
        return "/v1/users/" + ProcessorForwarder.segment(BearerAuthFilter.principal(req).userId()) + "/inbox";
    }

    private void act(ServerRequest req, ServerResponse res, InboxActionKind kind) {
        WriteGate.Admitted admitted = gate.admit(req);
        JsonNode scope = gate.counting(1, () -> JsonBody.read(req, maxBytes));
        write(res, admitted, scope, scope, kind);
    }

    private void archiveOne(ServerRequest req, ServerResponse res) {
        WriteGate.Admitted admitted = gate.admit(req);
        ObjectNode scope = Json.mapper().createObjectNode().put(AvroJson.TYPE, Listed.getClassSchema().getName());
        scope.putArray("notificationIds").add(req.path().pathParameters().get("notificationId"));
        write(res, admitted, null, scope, InboxActionKind.ARCHIVE);
    }

    /** @param body the request's body, null for none */
    private void write(ServerResponse res, WriteGate.Admitted admitted, JsonNode body, JsonNode scope,
                       InboxActionKind kind) {
        InboxAction action = gate.counting(1, () -> InboxActionBody.read(scope, admitted.caller().userId(), kind, json));
        gate.writeOne(res, admitted, body, action);
    }
}
