package dev.partnerhub.support.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link java.math.BigDecimal} form field that is a plain decimal but not (only) money, such as a rate that is a
 * percent or a flat amount: the syntax of {@link dev.partnerhub.support.MoneyInput} with up to {@link #maxScale()}
 * decimals; the caller checks the range.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface DecimalField {

	int maxScale() default 4;

}
