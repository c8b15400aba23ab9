package io.zdash.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON API reads bodies as written: a number or a boolean where a text is expected, or a field
 * given twice, is a malformed body (400), never quietly turned into something else. Unknown fields
 * and trailing text are refused by {@code spring.jackson.deserialization.*}.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer strictJsonBodies() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
