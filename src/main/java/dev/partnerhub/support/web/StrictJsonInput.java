package dev.partnerhub.support.web;

import java.math.BigDecimal;

import dev.partnerhub.support.MoneyInput;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's JSON mapper reads strictly: a key twice in one object is an error (not "the
 * last one wins"), a number with a fraction is not silently truncated into an integer
 * field ({@code "quantity": 1.5} → 400, not 1), and every {@link BigDecimal} field — all
 * of them are money in request bodies — goes through {@link MoneyInput}: a plain decimal
 * with at most two places, as a string ({@code "12.34"}) or as a JSON number whose
 * literal text is such a decimal ({@code 12.34}, never {@code 1e3}), within
 * {@code partnerhub.money.max-amount}. Errors are 400 problem+json naming the field
 * ({@code ApiExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonInput {

	@Bean
	JsonMapperBuilderCustomizer strictJsonMapper() {
		SimpleModule money = new SimpleModule("partnerhub-money");
		money.addDeserializer(BigDecimal.class, new MoneyDeserializer());
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.addModule(money);
	}

	/** Money from JSON, checked on the literal text the client sent. */
	static final class MoneyDeserializer extends ValueDeserializer<BigDecimal> {

		@Override
		public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
					&& token != JsonToken.VALUE_NUMBER_FLOAT) {
				throw new InvalidMoneyException(parser, "must be an amount such as \"12.34\".", null);
			}
			String text = parser.getString();
			String problem = MoneyInput.amountProblem(text);
			if (problem != null) {
				throw new InvalidMoneyException(parser, problem, text);
			}
			return new BigDecimal(text).setScale(2);
		}

	}

	/**
	 * An amount that is not a plain decimal; the message is the end of a sentence about
	 * the field.
	 */
	static final class InvalidMoneyException extends InvalidFormatException {

		private static final long serialVersionUID = 1L;

		InvalidMoneyException(JsonParser parser, String problem, String value) {
			super(parser, problem, value, BigDecimal.class);
		}

	}

}
