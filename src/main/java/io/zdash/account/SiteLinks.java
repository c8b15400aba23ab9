package io.zdash.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Absolute links for emails. The host comes from configuration ({@code zdash.base-url}), never from
 * the request's Host header, which whoever sends the request chooses: a forged one would mail a
 * secret link pointing at a site of theirs.
 */
@Component
public class SiteLinks {

	private final String base;

	SiteLinks(@Value("${zdash.base-url:http://localhost:8080}") String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** @param path starting with a slash, with its query already encoded */
	public String to(String path) {
		return this.base + path;
	}

}
