package dev.partnerhub.support.web;

import java.math.BigDecimal;
import java.util.Set;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds {@link MoneyField} and {@link DecimalField} form fields through {@link MoneyInput}: the same rules as the
 * API's JSON. A refused value is a binding error whose cause is an {@link InvalidInputException} with a message meant
 * for the user (forms show it beside the field).
 */
@Configuration(proxyBeanMethods = false)
class StrictFormInput implements WebMvcConfigurer {

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addFormatterForFieldAnnotation(new Money());
		registry.addFormatterForFieldAnnotation(new Decimal());
	}

	private static final Printer<BigDecimal> PLAIN = (value, locale) -> value.toPlainString();

	static final class Money implements AnnotationFormatterFactory<MoneyField> {

		@Override
		public Set<Class<?>> getFieldTypes() {
			return Set.of(BigDecimal.class);
		}

		@Override
		public Printer<?> getPrinter(MoneyField annotation, Class<?> fieldType) {
			return PLAIN;
		}

		@Override
		public Parser<?> getParser(MoneyField annotation, Class<?> fieldType) {
			return (text, locale) -> MoneyInput.parseOptional(null, text);
		}

	}

	static final class Decimal implements AnnotationFormatterFactory<DecimalField> {

		@Override
		public Set<Class<?>> getFieldTypes() {
			return Set.of(BigDecimal.class);
		}

		@Override
		public Printer<?> getPrinter(DecimalField annotation, Class<?> fieldType) {
			return PLAIN;
		}

		@Override
		public Parser<?> getParser(DecimalField annotation, Class<?> fieldType) {
			return (text, locale) -> MoneyInput.parseDecimal(null, text, annotation.maxScale());
		}

	}

}
