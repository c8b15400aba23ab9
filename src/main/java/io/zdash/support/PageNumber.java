package io.zdash.support;

/** A page number from a query string: malformed, negative or absurd ones show the first page, never an error. */
public final class PageNumber {

	private PageNumber() {
	}

	public static int parse(String page) {
		return (page != null && page.matches("\\d{1,5}")) ? Integer.parseInt(page) : 0;
	}

}
