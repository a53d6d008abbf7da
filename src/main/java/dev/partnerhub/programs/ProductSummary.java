package dev.partnerhub.programs;

import java.math.BigDecimal;

public record ProductSummary(long id, String sku, String name, BigDecimal price, String currency) {
}
