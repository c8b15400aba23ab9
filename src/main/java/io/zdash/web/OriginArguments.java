package io.zdash.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.zdash.support.Origin;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a handler take the request's {@link Origin} (address and user agent) as a parameter, to pass
 * to the services that record what it does: taken once, here, not fished out of a thread-local.
 */
@Configuration(proxyBeanMethods = false)
class OriginArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Origin.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		return Origin.of(request.getNativeRequest(HttpServletRequest.class));
	}

}
