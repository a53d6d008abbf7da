package dev.partnerhub.console;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/v1}, browsable by admins at
 * {@code /admin/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI partnerhubOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Partnerhub API")
				.version("v1")
				.description("[← Back to the console](/admin)\n\n"
						+ "Server-to-server API. Authenticate with `Authorization: Bearer <api key>` "
						+ "(keys are created under Console → API keys). Errors are application/problem+json."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

	/**
	 * Groups operations by resource ("Orders", "Commissions") instead of springdoc's
	 * default tag per controller class ("settings-api-controller"): the tag is the path
	 * segment after {@code /api/v1/}, in words.
	 */
	@Bean
	OpenApiCustomizer resourceTags() {
		return openApi -> {
			if (openApi.getPaths() == null) {
				return;
			}
			Map<String, Tag> tags = new TreeMap<>();
			openApi.getPaths().forEach((path, item) -> {
				String name = resourceName(path);
				item.readOperations().forEach(operation -> operation.setTags(List.of(name)));
				tags.computeIfAbsent(name, n -> new Tag().name(n));
			});
			openApi.setTags(List.copyOf(tags.values()));
		};
	}

	/**
	 * {@code /api/v1/rollup-fields/{id}} → "Rollup fields"; {@code /api/v1/orders} →
	 * "Orders".
	 */
	static String resourceName(String path) {
		String[] parts = path.split("/");
		String segment = parts.length > 3 ? parts[3] : path;
		String words = segment.replace('-', ' ').replace('_', ' ').strip();
		return words.isEmpty() ? "API" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
