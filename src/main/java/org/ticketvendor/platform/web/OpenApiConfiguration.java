package org.ticketvendor.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ticketvendor.platform.CurrentUser;

/**
 * The OpenAPI document's header and the bearer scheme, so Swagger UI can send access tokens; and the
 * document describing the API as it is on the wire: property names in snake_case, and the caller (taken
 * from the access token) not a query parameter.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    static {
        // Resolved from the access token by WebConfiguration, never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    /**
     * The API reads and writes snake_case ({@code spring.jackson.property-naming-strategy}), but
     * swagger-core describes the models with a Jackson 2 mapper of its own, which must be told.
     */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(
                        mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(mappers.isOpenapi31());
    }

    @Bean
    OpenAPI ticketVendorOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Ticket Vendor API")
                        .version("v1")
                        .description("Events, ticket tiers, holds, orders, QR tickets and check-in. Errors are "
                                + "RFC 9457 problem details with a stable 'code'."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
