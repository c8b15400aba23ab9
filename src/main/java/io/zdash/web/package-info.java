/**
 * The web shell, wiring only: the two security filter chains (browser pages and the JSON API) built
 * from what {@code signin} provides (the routes' {@code @Access} rules, the factor rule, the factor
 * filters), security headers, the per-address limit, session validity and cookie, the clock, locale
 * resolution, the request's {@code Origin} as a handler argument, and error pages. Nothing here
 * knows how a factor is checked or which route needs what.
 */
package io.zdash.web;
