package org.studygate.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its one way of authenticating: a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI studygateApi() {
		return new OpenAPI()
			.info(new Info().title("Studygate API")
				.version("v1")
				.description("Who may see a medical imaging study, and the studies they may see. Get a token with "
						+ "POST /api/v1/auth/token and send it as 'Authorization: Bearer <token>'. Errors are "
						+ "ProblemDetail; lists are {items, next}.")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
