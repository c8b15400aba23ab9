package io.zdash.support;

import java.util.List;

/**
 * One page of a JSON API list: {@code page} counts from 1, {@code hasMore} says whether the next
 * page has anything.
 * @param <T> the items' type
 */
public record ApiPage<T>(List<T> items, int page, int size, boolean hasMore) {

	public static final int MAX_SIZE = 100;

	public static final int MAX_PAGE = 10_000;

	/** The page and size asked for, checked: 422 problems for anything out of range. */
	public static void check(int page, int size) {
		// 10,000 pages at most: the security log reads no further, so a script that pages until
		// hasMore is false always ends.
		if (page < 1 || page > MAX_PAGE) {
			throw ApiProblem.invalid("page", "a page number from 1 to " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw ApiProblem.invalid("size", "from 1 to " + MAX_SIZE);
		}
	}

}
