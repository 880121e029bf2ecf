package dev.orderflow.web;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TomcatSettingsTest {

    private final WebSupportAutoConfiguration.TomcatSettings settings = new WebSupportAutoConfiguration.TomcatSettings();

    @Test
    void anIdlePollerWakesEveryFiveSeconds() {
        Connector connector = new Connector(Http11NioProtocol.class.getName());

        settings.quietPoller().customize(connector);

        assertThat(((Http11NioProtocol) connector.getProtocolHandler()).getSelectorTimeout()).isEqualTo(5_000);
    }

    @Test
    void continueIsAnsweredWhenTheBodyIsRead() {
        Connector connector = new Connector(Http11NioProtocol.class.getName());

        settings.continueOnlyWhenTheBodyIsRead().customize(connector);

        assertThat(((Http11NioProtocol) connector.getProtocolHandler()).getContinueResponseTiming())
                .isEqualTo("onRead");
    }
}
