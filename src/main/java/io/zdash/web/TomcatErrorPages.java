package io.zdash.web;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The pages Tomcat answers by itself, before any filter of ours runs (a path it refuses, such as an
 * encoded slash): the same security headers as every page, and no server details. Replaces the
 * plain error-report valve Spring Boot installs.
 */
@Component
class TomcatErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			for (Valve valve : context.getParent().getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					context.getParent().getPipeline().removeValve(valve);
				}
			}
			context.getParent().getPipeline().addValve(new WithHeaders());
			// Otherwise the host adds Tomcat's default report (with server details) for errors before a context.
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(WithHeaders.class.getName());
			}
		});
	}

	/** After Spring Boot's own customizer, whose valve this replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	public static final class WithHeaders extends ErrorReportValve {

		public WithHeaders() {
			setShowServerInfo(false);
			setShowReport(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (!response.isCommitted()) {
				response.setHeader("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("Referrer-Policy", "no-referrer");
				response.setHeader("Cache-Control", "no-store");
			}
			super.report(request, response, throwable);
		}

	}

}
