package dev.partnerhub.support;

import java.sql.SQLException;
import java.util.List;

import org.postgresql.util.PGobject;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;

/**
 * Spring Data JDBC's conversions plus {@link Jsonb} (Boot's own bean steps back when this
 * one exists).
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConversions {

	@Bean
	JdbcCustomConversions jdbcCustomConversions(JdbcDialect dialect) {
		return JdbcCustomConversions.of(dialect, List.of(JsonbWriter.INSTANCE, JsonbReader.INSTANCE));
	}

	@WritingConverter
	enum JsonbWriter implements Converter<Jsonb, PGobject> {

		INSTANCE;

		@Override
		public PGobject convert(Jsonb source) {
			PGobject value = new PGobject();
			value.setType("jsonb");
			try {
				value.setValue(source.json());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return value;
		}

	}

	@ReadingConverter
	enum JsonbReader implements Converter<PGobject, Jsonb> {

		INSTANCE;

		@Override
		public Jsonb convert(PGobject source) {
			return Jsonb.of(source.getValue());
		}

	}

}
