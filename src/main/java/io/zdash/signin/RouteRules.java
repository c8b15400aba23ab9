package io.zdash.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every route of the application's controllers with the {@link Access} its handler declares, read
 * from Spring MVC's own mapping, so the security rules are the controllers' declarations and
 * nothing has to mirror a {@code @PostMapping} by hand.
 */
final class RouteRules {

	/**
	 * One mapped pattern of one handler.
	 * @param method the HTTP method, or null when the handler takes any
	 * @param access null when the handler declares none (then the route is refused to everyone)
	 */
	record Route(HttpMethod method, String pattern, Access access, String handler) {

		/** Whether a request by this method changes something (so needs the stricter variant of a level). */
		boolean changes() {
			return this.method == null || !(HttpMethod.GET.equals(this.method) || HttpMethod.HEAD.equals(this.method));
		}

	}

	/** A POST action that names itself for the re-check page, its pattern parsed once. */
	private record Action(PathPattern pattern, String confirms) {
	}

	private final List<Route> routes;

	private final List<Action> actions;

	private RouteRules(List<Route> routes) {
		this.routes = List.copyOf(routes);
		this.actions = this.routes.stream()
			.filter(route -> HttpMethod.POST.equals(route.method()) && route.access() != null
					&& !route.access().confirms().isEmpty())
			.map(route -> new Action(PathPatternParser.defaultInstance.parse(route.pattern()), route.access().confirms()))
			.toList();
	}

	/** The routes of the handlers in {@code basePackage}; others (Spring Boot's own) are left to the chain. */
	static RouteRules of(RequestMappingHandlerMapping mapping, String basePackage) {
		List<Route> routes = new ArrayList<>();
		mapping.getHandlerMethods().forEach((info, handler) -> {
			if (handler.getBeanType().getPackageName().startsWith(basePackage)) {
				routes.addAll(routesOf(info, handler));
			}
		});
		return new RouteRules(routes);
	}

	private static List<Route> routesOf(RequestMappingInfo info, HandlerMethod handler) {
		Access access = accessOf(handler);
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		String name = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
		List<Route> routes = new ArrayList<>();
		for (String pattern : info.getPatternValues()) {
			if (methods.isEmpty()) {
				routes.add(new Route(null, pattern, access, name));
			}
			for (RequestMethod method : methods) {
				routes.add(new Route(method.asHttpMethod(), pattern, access, name));
			}
			if (methods.contains(RequestMethod.GET) && !methods.contains(RequestMethod.HEAD)) {
				// Spring MVC answers HEAD with the GET handler: the same rule must guard it.
				routes.add(new Route(HttpMethod.HEAD, pattern, access, name));
			}
		}
		return routes;
	}

	/** The method's declaration, else its class's. */
	static Access accessOf(HandlerMethod handler) {
		Access onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Access.class);
		return (onMethod != null) ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Access.class);
	}

	List<Route> routes() {
		return this.routes;
	}

	List<Route> unclassified() {
		return this.routes.stream().filter(route -> route.access() == null).toList();
	}

	/** The message key naming the POST action at this path, if its handler declares one. */
	Optional<String> actionAt(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return this.actions.stream()
			.filter(action -> action.pattern().matches(container))
			.map(Action::confirms)
			.findFirst();
	}

	/** The POSTs that check something guessable, for the per-address limit. */
	List<Route> limitedPerAddress() {
		return this.routes.stream()
			.filter(route -> route.access() != null && route.access().limitedPerAddress() && HttpMethod.POST.equals(route.method()))
			.toList();
	}

}
