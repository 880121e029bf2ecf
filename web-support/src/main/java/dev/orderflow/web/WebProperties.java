package dev.orderflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What every service's REST API shares, {@code orderflow.web.*} (environment: {@code ORDERFLOW_WEB_...}).
 *
 * @param maxRequestBody the largest request body a service reads; larger ones are answered {@code 413}, unread.
 *                       64 KB holds an order of 50 lines many times over.
 */
@ConfigurationProperties("orderflow.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

    public WebProperties {
        if (maxRequestBody.toBytes() < 1) {
            throw new IllegalArgumentException("orderflow.web.max-request-body must be at least one byte");
        }
    }
}
