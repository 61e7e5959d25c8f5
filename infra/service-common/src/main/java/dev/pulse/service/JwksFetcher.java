package dev.pulse.service;

import io.helidon.security.jwt.jwk.Jwk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a JWKS document over HTTP(S) with the JDK's client: the whole fetch (connect, answer, body) is
 * bounded by one timeout and the body by {@value #MAX_BYTES} bytes, so a slow or hostile endpoint costs
 * a bounded wait and bounded memory. Redirects are not followed: the configured URL is the one trusted.
 */
final class JwksFetcher implements AutoCloseable {

    /** A JWKS holds a few keys of under a kilobyte each; anything this large is not one. */
    static final int MAX_BYTES = 512 * 1024;

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    JwksFetcher(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The public keys at the URL, or {@link FetchFailedException} saying in one line why not. */
    List<Jwk> fetch() throws FetchFailedException {
        CompletableFuture<HttpResponse<byte[]>> answer = new CompletableFuture<>();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Accept", "application/jwk-set+json, application/json").GET().build();
            answer = client.sendAsync(request, info -> new LimitedBody());
            HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new FetchFailedException("answered HTTP " + response.statusCode());
            }
            return Jwks.publicKeys(new String(response.body(), StandardCharsets.UTF_8), "the answer");
        } catch (TimeoutException e) {
            throw new FetchFailedException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new FetchFailedException(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("interrupted");
        } catch (RuntimeException e) {
            // Jwks names what is wrong with the document; anything else is still one line, not a trace.
            throw new FetchFailedException(e instanceof IllegalArgumentException ? e.getMessage() : describe(e));
        } finally {
            answer.cancel(true);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Why a fetch failed, in one line for the log; no stack trace, as the reason is not in our code. */
    static final class FetchFailedException extends Exception {

        FetchFailedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Collects a body up to {@link #MAX_BYTES}, and fails (cancelling the rest) past that. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (body.isDone()) {
                    return;
                }
                if (bytes.size() + buffer.remaining() > MAX_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("body larger than " + MAX_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
