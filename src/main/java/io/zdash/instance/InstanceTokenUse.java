package io.zdash.instance;

import io.zdash.audit.SecurityEvent;
import io.zdash.audit.SecurityLog;
import io.zdash.support.Origin;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security log's record of an instance token read or replaced through the API, with who asked
 * (a token's id, or a session): a token cannot be asked for a re-check, so its owner hears of it
 * by email (at most once an hour, see the notifications).
 */
@Component
class InstanceTokenUse {

	private final SecurityLog securityLog;

	private final InstanceService instances;

	InstanceTokenUse(SecurityLog securityLog, InstanceService instances) {
		this.securityLog = securityLog;
		this.instances = instances;
	}

	/** @param via who asked: {@code token=<id>} or {@code session} */
	void revealed(long accountId, String instanceId, String via, Origin origin) {
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.INSTANCE_TOKEN_REVEALED_BY_API,
				"instance=" + instanceId + " " + via, origin));
	}

	/** A new token and its record, in one transaction; false for no such instance of the account. */
	@Transactional
	boolean rotate(long accountId, String instanceId, String via, Origin origin) {
		if (!this.instances.rotateToken(accountId, instanceId)) {
			return false;
		}
		this.securityLog.record(new SecurityEvent(accountId, SecurityEvent.Type.INSTANCE_TOKEN_ROTATED_BY_API,
				"instance=" + instanceId + " " + via, origin));
		return true;
	}

}
