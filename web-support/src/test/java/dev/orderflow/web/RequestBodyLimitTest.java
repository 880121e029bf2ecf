package dev.orderflow.web;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The request-body limit on a real Tomcat, as a service gets it from web-support's auto-configuration. */
@SpringBootTest(classes = RequestBodyLimitTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestBodyLimitTest {

    private static final int ONE_MEGABYTE = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    Notes notes;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void forget() {
        notes.stored.clear();
    }

    @Test
    void takesABodyWithinTheLimit() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(note(60 * 1024)), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(notes.stored).hasSize(1);
    }

    @Test
    void refusesABodyWhoseDeclaredLengthIsOverTheLimitUnreadAndStoresNothing() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(note(ONE_MEGABYTE)), false);

        assertTooLarge(response, "the request body has " + note(ONE_MEGABYTE).length() + " bytes; at most 65536 bytes "
                + "are accepted");
    }

    @Test
    void refusesABodySentWithoutItsLengthOnceItGoesOverTheLimit() throws Exception {
        byte[] body = note(ONE_MEGABYTE).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body)), false);

        assertTooLarge(response, "the request body has more than 65536 bytes; at most 65536 bytes are accepted");
    }

    @Test
    void answersAClientThatAsksBeforeSendingWithoutTakingItsBody() throws Exception {
        // Past Tomcat's 2 MB of swallowed request body, the connection would close under a client still sending.
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(note(3 * ONE_MEGABYTE)), true);

        assertTooLarge(response, "at most 65536 bytes are accepted");
    }

    @Test
    void neverInvitesABodyItWillRefuse() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 3 * ONE_MEGABYTE + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).as("the final answer comes first, no 100 Continue before it")
                    .startsWith("HTTP/1.1 413");
        }
        assertThat(notes.stored).isEmpty();
    }

    @Test
    void answers413EvenInAnApplicationWithoutTheProblemAdvice() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/notes");
        request.setContent(new byte[100]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestBodyLimitFilter(10, (req, res, handler, e) -> null)
                .doFilter(request, response, (req, res) -> notes.stored.add(Map.of("reached", "the handler")));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getErrorMessage()).isEqualTo("the request body has 100 bytes; at most 10 bytes are accepted");
        assertThat(notes.stored).isEmpty();
    }

    private void assertTooLarge(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(413);
        assertThat((String) JsonPath.read(response.body(), "$.detail")).endsWith(detail);
        assertThat(response.headers().firstValue("Connection")).as("the unread body ends the connection")
                .hasValue("close");
        assertThat(notes.stored).as("nothing stored").isEmpty();
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body, boolean expectContinue) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notes"))
                .header("Content-Type", "application/json").expectContinue(expectContinue).POST(body)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A valid JSON body of about {@code size} bytes: only its size is wrong. */
    private static String note(int size) {
        return "{\"text\": \"" + "n".repeat(size - 12) + "\"}";
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Notes.class, Problems.class})
    static class App {

        /** Open, as only the limit is under test here (security's own test: {@code ResourceServerTest}). */
        @Bean
        SecurityFilterChain open(HttpSecurity http) {
            return http.csrf(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
    }

    @RestController
    static class Notes {

        final List<Map<String, String>> stored = new CopyOnWriteArrayList<>();

        @PostMapping("/notes")
        @ResponseStatus(HttpStatus.CREATED)
        void store(@RequestBody Map<String, String> note) {
            stored.add(note);
        }
    }

    @RestControllerAdvice
    static class Problems extends ProblemDetailsAdvice {
    }
}
