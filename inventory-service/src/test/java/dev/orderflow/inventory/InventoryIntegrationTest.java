package dev.orderflow.inventory;

import dev.orderflow.localstack.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on real Kafka and PostgreSQL. Every integration test uses exactly this, so they all share
 * one Spring context (and one broker and database per test JVM); tests use fresh SKUs and order ids. Requests are
 * an administrator's unless a test says otherwise ({@link AsAnAdministrator}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import({RealInfrastructure.class, AsAnAdministrator.class})
public @interface InventoryIntegrationTest {
}
