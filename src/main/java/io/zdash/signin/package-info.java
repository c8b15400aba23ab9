/**
 * Sign-in factors, in one place: their names ({@link io.zdash.signin.Factors}: Spring Security's
 * {@code FACTOR_PASSWORD} and our {@code FACTOR_TOTP}), the rule of which factors an account needs
 * ({@link io.zdash.signin.RequiredFactors}, fed by the ports that features implement), granting a
 * factor to the session through Spring Security (an authentication filter and the features'
 * {@code AuthenticationProvider}s, see {@link io.zdash.signin.FactorFilters}), the half-sign-in
 * timeout and step-up as named {@code AuthorizationManager}s, one attempt gate for every factor
 * ({@link io.zdash.signin.AttemptGate}), and the {@link io.zdash.signin.Access} annotation with which
 * each controller classifies its routes. A new kind of second factor is added here: a name, a port
 * that says whether an account has it, a provider, and routes marked with {@code @Access}.
 * Depends on no feature.
 */
package io.zdash.signin;
