package io.zdash.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.zdash.support.UserAgents;
import io.zdash.support.Origin;
import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.signin.SessionFactors;
import io.zdash.support.Sha256;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * An account's sessions, which live in the database (Spring Session JDBC) so that any node serves
 * them: listing them, ending one, and ending all others. "All others" works by a per-account epoch
 * that every request checks, so those sessions are dead at once on every node.
 */
@Service
public class AccountSessions {

	static final String SIGNED_IN_AT = "ZDASH_SIGNED_IN_AT";

	static final String ADDRESS = "ZDASH_ADDRESS";

	static final String USER_AGENT = "ZDASH_USER_AGENT";

	/**
	 * One session as the Security page lists it. {@code handle} stands for the session in pages and
	 * URLs: a hash of its id, never the id itself, which is as good as the session cookie.
	 */
	public record View(String handle, String browser, String system, String address, Instant signedInAt,
			Instant lastActive, boolean current) {
	}

	private final AccountRepository accounts;

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final SecurityLog securityLog;

	private final SessionFactors sessionFactors;

	AccountSessions(AccountRepository accounts, FindByIndexNameSessionRepository<? extends Session> sessions,
			SecurityLog securityLog, SessionFactors sessionFactors) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.securityLog = securityLog;
		this.sessionFactors = sessionFactors;
	}

	/** Notes where and when this session signed in, for the list (at the password step). */
	static void describe(HttpServletRequest request, Instant now) {
		HttpSession session = request.getSession();
		session.setAttribute(SIGNED_IN_AT, now.toEpochMilli());
		session.setAttribute(ADDRESS, request.getRemoteAddr());
		String agent = request.getHeader("User-Agent");
		session.setAttribute(USER_AGENT, UserAgents.forStorage(agent));
	}

	public List<View> list(AccountUser user, HttpServletRequest request) {
		String current = currentId(request);
		int epoch = this.accounts.sessionEpoch(user.accountId());
		return ofAccount(user).values()
			.stream()
			.filter(s -> s.getId().equals(current) || epochOf(s) == epoch)
			.map(s -> new View(Sha256.hex(s.getId()), UserAgents.browser(s.getAttribute(USER_AGENT)),
					UserAgents.system(s.getAttribute(USER_AGENT)), s.getAttribute(ADDRESS), signedInAt(s),
					s.getLastAccessedTime(), s.getId().equals(current)))
			.sorted(Comparator.comparing(View::current).reversed().thenComparing(View::lastActive, Comparator.reverseOrder()))
			.toList();
	}

	/** Ends one of the account's own sessions, named by its handle; anything else does nothing. */
	public boolean revoke(AccountUser user, String handle, Origin origin) {
		java.util.Optional<String> sessionId = ofAccount(user).keySet()
			.stream()
			.filter(id -> Sha256.hex(id).equals(handle))
			.findFirst();
		if (sessionId.isEmpty()) {
			return false;
		}
		this.sessions.deleteById(sessionId.get());
		this.securityLog.record(SecurityEvent.of(user.accountId(), SecurityEvent.Type.SESSION_REVOKED, origin));
		return true;
	}

	/** "Sign out all other sessions", recorded in the security log. */
	public void revokeOthers(AccountUser user, HttpServletRequest request, HttpServletResponse response, Origin origin) {
		signOutOtherSessions(request, response);
		this.securityLog.record(new SecurityEvent(user.accountId(), SecurityEvent.Type.SESSION_REVOKED, "others", origin));
	}

	/** Call after a change to the account's sign-in, from the request of the session that made it. */
	public void signOutOtherSessions(HttpServletRequest request, HttpServletResponse response) {
		signOutOtherSessions(request, response, null);
	}

	/**
	 * After an email change: as above, and this session's principal takes the new address, so that
	 * no session that survives the change goes on under the old name.
	 */
	void signOutOtherSessions(HttpServletRequest request, HttpServletResponse response, String newEmail) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || !(current.getPrincipal() instanceof AccountUser user)) {
			return;
		}
		int epoch = this.accounts.bumpSessionEpoch(user.accountId());
		AccountUser renewed = (newEmail != null) ? user.withSessionEpoch(epoch).withEmail(newEmail)
				: user.withSessionEpoch(epoch);
		// No delete here: this request may just have changed its own session id, which the store
		// only learns when the request ends. The new epoch already ends the others, and the list
		// leaves them out.
		this.sessionFactors.update(request, response, authentication -> authentication.toBuilder().principal(renewed).build());
	}

	/** Ends every session of the account at its next request, on every node. */
	public void signOutEverywhere(long accountId) {
		this.accounts.bumpSessionEpoch(accountId);
		this.accounts.findById(accountId)
			.ifPresent(account -> this.sessions.findByPrincipalName(account.email()).keySet().forEach(this.sessions::deleteById));
	}

	/** Whether a session signed in by this principal is still current. */
	public boolean isCurrent(AccountUser user) {
		return this.accounts.sessionEpoch(user.accountId()) == user.sessionEpoch();
	}

	private Map<String, ? extends Session> ofAccount(AccountUser user) {
		return this.sessions.findByPrincipalName(user.getUsername());
	}

	private static String currentId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? session.getId() : "";
	}

	/** The epoch the session signed in under; -1 when it holds no signed-in account. */
	private static int epochOf(Session session) {
		Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		if (context instanceof SecurityContext security && security.getAuthentication() != null
				&& security.getAuthentication().getPrincipal() instanceof AccountUser user) {
			return user.sessionEpoch();
		}
		return -1;
	}

	private static Instant signedInAt(Session session) {
		Long millis = session.getAttribute(SIGNED_IN_AT);
		return (millis != null) ? Instant.ofEpochMilli(millis) : session.getCreationTime();
	}

}
