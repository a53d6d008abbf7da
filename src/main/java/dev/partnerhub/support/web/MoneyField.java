package dev.partnerhub.support.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link java.math.BigDecimal} form field that is an amount of money: bound through
 * {@link dev.partnerhub.support.MoneyInput} (plain decimal, at most two places, within the configured maximum), so
 * {@code 1e3}, {@code +10}, {@code " 10.00 "} and {@code -5} are field errors, not values.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface MoneyField {

}
