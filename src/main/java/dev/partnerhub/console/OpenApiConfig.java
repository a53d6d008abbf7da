package dev.partnerhub.console;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of {@code /api/v1}, browsable by admins at {@code /admin/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI partnerhubOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Partnerhub API")
				.version("v1")
				.description("Server-to-server API. Authenticate with `Authorization: Bearer <api key>` "
						+ "(keys are created under Console → API keys). Errors are application/problem+json."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
