/**
 * The web shell: security filter chains (browser pages and the JSON API), the rule that a sign-in
 * is complete only with every factor its account needs, security headers, the clock, locale
 * resolution and error pages. Features plug their pages in; nothing here knows how a factor is
 * checked.
 */
package io.zdash.web;
