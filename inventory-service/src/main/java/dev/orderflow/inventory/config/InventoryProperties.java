package dev.orderflow.inventory.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of inventory-service ({@code orderflow.inventory.*}, env {@code ORDERFLOW_INVENTORY_*}).
 *
 * @param currency the one currency the catalog prices in; order totals add prices up, so they must agree
 */
@Validated
@ConfigurationProperties("orderflow.inventory")
public record InventoryProperties(@NotNull @Pattern(regexp = "[A-Z]{3}") @DefaultValue("EUR") String currency) {
}
