package dev.orderflow.console.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services' admin APIs as far as the console calls them (all four services' URLs point here): answers every
 * request with what the test set (by default {@code 200} and a saga), and keeps each request's method, path,
 * {@code Authorization} header and body.
 */
public final class StandInServices {

    private static final StandInServices SHARED = new StandInServices();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Reply reply = Reply.ok();

    private StandInServices() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply answer = reply;
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() < 400
                    ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static StandInServices shared() {
        return SHARED;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request from now on gets this answer. */
    public void answer(Reply next) {
        reply = next;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public record Request(String method, String path, String authorization, String body) {
    }

    public record Reply(int status, String body) {

        public static Reply ok() {
            return new Reply(200, """
                    {"saga": {"step": "RESERVING_STOCK"}, "sent": ["dev.orderflow.inventory.ReserveStock.v1"]}""");
        }
    }
}
